import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import type { CliIo } from '../../cli/cli-io';
import { reportFailure } from '../../cli/describe-failure';
import { CommandFailedError } from '../../cli/errors';
import { parseCliArgs } from '../../cli/parse-cli-args';
import { runCaptured } from './cli-harness';

const BIN = path.join(__dirname, '..', '..', 'bin', 'instance-reaper.js');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'reaper-setup-'));
  writeFileSync(path.join(dir, 'empty'), '');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The CLI as an operator starts it, on a machine with no AWS configuration at all (no region, no credentials, no profiles). */
function runBare(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const bare = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    AWS_CONFIG_FILE: path.join(dir, 'empty'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'empty'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...env,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: bare }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

describe('errors of the AWS setup name the fix', () => {
  it('no region: suggests --region or AWS_REGION, exit 2', async () => {
    const { code, stderr, stdout } = await runBare(['status']);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('instance-reaper: no AWS region: pass --region R or set AWS_REGION; nothing was changed.\n');
  });

  it('no region in the profile named: says so', async () => {
    const { code, stderr } = await runBare(['plan', '--profile', 'prod']);

    expect(code).toBe(2);
    expect(stderr).toContain('no AWS region (profile prod names none): pass --region R or set AWS_REGION');
  });

  it('no credentials: suggests --profile or AWS_PROFILE, exit 2', async () => {
    const { code, stderr } = await runBare(['status', '--region', 'eu-west-1']);

    expect(code).toBe(2);
    expect(stderr).toMatch(/^instance-reaper: no AWS credentials from the default credential chain \(.+\): choose a profile with --profile P \(or AWS_PROFILE\), from ~\/\.aws\/config or ~\/\.aws\/credentials; nothing was changed\.\n$/);
  });

  it('a profile that gives no credentials: names it, and how to log in to it', async () => {
    const { code, stderr } = await runBare(['pause'], { AWS_REGION: 'eu-west-1', AWS_PROFILE: 'prod' });

    expect(code).toBe(2);
    expect(stderr).toContain("no AWS credentials from profile prod (");
    expect(stderr).toContain("or for an SSO profile run 'aws sso login --profile prod'; nothing was changed.");
  });
});

describe('credentials AWS does not accept', () => {
  const cloudFormation = mockClient(CloudFormationClient);

  afterAll(() => cloudFormation.restore());

  it('names the profile and how to renew them, exit 1', async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredToken' }));

    const { code, stderr } = await runCaptured(['status', '--region', 'eu-west-1', '--profile', 'prod']);

    expect(code).toBe(1);
    expect(stderr).toBe(
      "instance-reaper: AWS did not accept the credentials of profile prod (ExpiredToken: The security token included in the request is expired): choose a profile with --profile P (or AWS_PROFILE), from ~/.aws/config or ~/.aws/credentials, or renew them (e.g. 'aws sso login'); nothing was changed.\n",
    );
  });
});

describe('a failure after something changed keeps saying what changed, with the fix below', () => {
  it('a rotation recorded before the credentials expired', () => {
    let stderr = '';
    const io: CliIo = { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) }, stdin: Readable.from([]), env: {}, now: Date.now };
    const expired = Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException' });
    const error = new CommandFailedError('Recorded ami-0abc in /instance-reaper/blocked-amis; scheduled runs will carry it out. Starting a run now failed: expired', { cause: expired });

    const code = reportFailure(error, io, parseCliArgs(['rotate', '--ami', 'ami-0abc', '--region', 'eu-west-1']).options);

    expect(code).toBe(1);
    expect(stderr).toMatch(/^instance-reaper: Recorded ami-0abc in .*failed: expired\nAWS did not accept the credentials of the default credential chain \(ExpiredTokenException: .*\): choose a profile with --profile P/);
    expect(stderr).not.toContain('nothing was changed');
  });
});

describe('a local account file that cannot be read', () => {
  it('is named, with local reset as the fix, exit 1, and left as it was', async () => {
    const file = path.join(dir, 'corrupt.json');
    writeFileSync(file, '{"version":1,"account":{"instan');

    const { code, stderr, stdout } = await runCaptured(['status', '--local'], { env: { INSTANCE_REAPER_LOCAL_ACCOUNT: file } });

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^instance-reaper: the local account in ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} cannot be read \\(.+\\); 'instance-reaper local reset' replaces it with a fresh demo account\\n$`));
    expect(readFileSync(file, 'utf8')).toBe('{"version":1,"account":{"instan');
  });

  it('local tick says the same', async () => {
    const file = path.join(dir, 'corrupt-tick.json');
    writeFileSync(file, 'not json');

    const { code, stderr } = await runCaptured(['local', 'tick'], { env: { INSTANCE_REAPER_LOCAL_ACCOUNT: file } });

    expect(code).toBe(1);
    expect(stderr).toContain(`the local account in ${file} cannot be read`);
    expect(stderr).toContain("'instance-reaper local reset' replaces it");
  });
});
