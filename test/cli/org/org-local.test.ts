import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { createServer } from 'node:net';
import { Readable } from 'node:stream';
import type { Connection } from '../../../cli/aws/cli-clients';
import type { CliIo } from '../../../cli/cli-io';
import type { ExitCode } from '../../../cli/exit-codes';
import { ACCESS_DENIED_WHY } from '../../../cli/org/assume-role-failure';
import { orgPlanCommand, orgStatusCommand } from '../../../cli/org/org-command';
import type { PlanRow } from '../../../cli/org/org-plan';
import type { StatusRow } from '../../../cli/org/org-row';
import { createOutput } from '../../../cli/output';
import { parseCliArgs } from '../../../cli/parse-cli-args';
import { reportFailure } from '../../../cli/describe-failure';
import { ORG_READER_ROLE_NAME, orgReaderRoleArn } from '../../../infra/org/org-names';
import { DEMO, seedDemoFleet } from '../../../local/demo-fleet';
import { FakeAccount } from '../../../local/fake-aws/account';
import { controlPlaneOf } from '../../../local/fake-aws/services/reaper-control-plane';
import { deployLocalReaper } from '../../../local/local-reaper-deployment';
import { LocalOrganization } from '../../../local/org/local-organization';
import { startOrgServer, type OrgServer } from '../../../local/org/org-server';
import { synthesizedFunction } from '../../../local/synthesized-bundle';

const DAY_MS = 86_400_000;
const MANAGEMENT = '111111111111';
/** The demo fleet: instances past lifetime and on stale AMIs that one run cannot all rotate. */
const PROD = '333333333333';
/** A young fleet on its group's current AMI. */
const STAGING = '444444444444';
/** The reaper is deployed, but the reader role is not there. */
const SANDBOX = '555555555555';

/** Every account on the machine's clock, so the CLI, the fake and the function agree on what "now" is. */
const account = (accountId: string) => new FakeAccount({ accountId, region: 'us-east-1' });

function seedYoungFleet(fake: FakeAccount, now: number): void {
  const image = fake.addImage({ name: 'golden-current', creationDate: now - 3 * DAY_MS });
  fake.addLaunchTemplate({ name: 'web', imageId: image, instanceType: 't3.small' });
  fake.putParameter(DEMO.blockedAmisParameter, 'none', 'StringList');
  fake.addGroup({ name: 'web', minSize: 1, maxSize: 4, desiredCapacity: 2, launchTemplate: { name: 'web', version: '$Latest' } });
  for (const age of [3, 1]) fake.addInstance({ group: 'web', imageId: image, launchTime: now - age * DAY_MS });
}

interface LocalOrg {
  readonly org: LocalOrganization;
  readonly server: OrgServer;
  readonly members: Record<'management' | 'prod' | 'staging' | 'sandbox', FakeAccount>;
}

/** Runs the member's deployed function once, through Lambda at the organization's endpoint with the member's key. */
async function runReaperIn(local: LocalOrg, member: FakeAccount, event: unknown = {}): Promise<void> {
  const { accountId } = member.state;
  const plane = controlPlaneOf(member);
  plane.runtime = { bundlePath: () => synthesizedFunction().bundlePath, env: local.server.envFor(accountId) };
  const env = local.server.envFor(accountId);
  const client = new LambdaClient({
    endpoint: local.server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '' },
    maxAttempts: 1,
  });
  try {
    const [fn] = Object.values(plane.state.functions);
    const response = await client.send(new InvokeCommand({ FunctionName: fn?.name ?? '', Payload: Buffer.from(JSON.stringify(event)) }));
    if (response.FunctionError) throw new Error(`the reaper failed in ${accountId}: ${Buffer.from(response.Payload ?? new Uint8Array()).toString('utf8')}`);
  } finally {
    plane.runtime = undefined;
    client.destroy();
  }
}

/** An organization of a management account (no reaper) and three members with the reaper deployed, each run once. */
async function startLocalOrg(): Promise<LocalOrg> {
  const now = Date.now();
  const members = { management: account(MANAGEMENT), prod: account(PROD), staging: account(STAGING), sandbox: account(SANDBOX) };
  const org = new LocalOrganization(members.management);
  org.addMember(members.prod, { name: 'prod', ou: 'production' });
  org.addMember(members.staging, { name: 'staging', ou: 'production' });
  org.addMember(members.sandbox, { name: 'sandbox', ou: 'sandbox' });
  seedDemoFleet(members.prod, now);
  seedYoungFleet(members.staging, now);
  seedYoungFleet(members.sandbox, now);
  for (const member of [members.prod, members.staging, members.sandbox]) deployLocalReaper(member, synthesizedFunction().environment, now);
  org.deployReaderRole();
  org.roles.remove(orgReaderRoleArn('aws', SANDBOX));
  const server = await startOrgServer(org);
  const local = { org, server, members };
  for (const member of [members.prod, members.staging, members.sandbox]) await runReaperIn(local, member);
  for (const member of Object.values(members)) member.clearCalls();
  return local;
}

interface Captured {
  readonly code: ExitCode;
  readonly stdout: string;
}

/** The CLI as the operator in the management account runs it: the plain env of the organization's endpoint, unless told otherwise. */
async function runOrgCli(local: LocalOrg, argv: readonly string[], override: Partial<Connection> = {}): Promise<Captured> {
  let stdout = '';
  const io: CliIo = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, stdin: Readable.from([]), env: {}, now: Date.now };
  const { command, options } = parseCliArgs(argv);
  const env = local.server.env;
  const connection = {
    endpoint: local.server.endpoint,
    region: env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '' },
    ...override,
  };
  const code = await (command === 'plan' ? orgPlanCommand : orgStatusCommand)({ io, options, output: createOutput(io, options.json), connection });
  return { code, stdout };
}

let local: LocalOrg;

beforeAll(async () => {
  local = await startLocalOrg();
});

afterAll(() => local.server.close());

beforeEach(() => {
  for (const member of Object.values(local.members)) member.clearCalls();
});

describe('status --org against a local organization', () => {
  it('lists the accounts, assumes the reader role in each, and says which are out of policy and why; exit 3', async () => {
    const { code, stdout } = await runOrgCli(local, ['status', '--org', '--json']);
    const rows = JSON.parse(stdout) as StatusRow[];

    expect(code).toBe(3);
    expect(rows.map((row) => [row.account, row.name, row.state])).toEqual([
      [PROD, 'prod', 'out of policy'],
      [SANDBOX, 'sandbox', 'unreachable'],
      [MANAGEMENT, 'management', 'not deployed'],
      [STAGING, 'staging', 'in policy'],
    ]);
    const [prod, sandbox] = rows;
    expect(prod?.why[0]).toMatch(/^\d+ instances past lifetime, \d+ instances on stale AMIs$/);
    expect(prod?.figures?.withinPolicyPercent).toBeLessThan(100);
    expect(sandbox?.why).toEqual([`role ${ORG_READER_ROLE_NAME} not assumable: AccessDenied (${ACCESS_DENIED_WHY})`]);
    expect(sandbox?.assumeRole).toEqual({ cause: 'access-denied', error: 'AccessDenied', roleArn: orgReaderRoleArn('aws', SANDBOX) });
    expect(rows[2]?.why).toEqual(['no instance-reaper stack found (looked for InstanceReaper and any stack with its outputs)']);
    expect(rows[3]?.figures).toEqual(expect.objectContaining({ instances: 2, withinPolicyPercent: 100 }));
  });

  it('reads each member in its own account, with the role, and only reads', async () => {
    await runOrgCli(local, ['status', '--org']);

    expect(local.members.prod.calls.map((call) => call.action)).toEqual(expect.arrayContaining(['DescribeStacks', 'GetFunctionConfiguration', 'FilterLogEvents']));
    expect(local.members.sandbox.calls).toEqual([]);
    for (const member of [local.members.prod, local.members.staging]) {
      expect(member.calls.map((call) => call.action).filter((action) => !/^(Describe|Get|List|Filter)/.test(action))).toEqual([]);
    }
  });

  it('the answer names the account out of policy first, then what else needs a look', async () => {
    const { stdout } = await runOrgCli(local, ['status', '--org']);

    expect(stdout).toMatch(/^1 of 4 accounts out of policy, worst first:\n {2}333333333333 \(prod\) us-east-1: \d+ instances past lifetime/m);
    expect(stdout).toContain('Also: 1 unreachable: 555555555555 (sandbox); 1 not deployed: 111111111111 (management).');
  });

  it('an account that stops running shows it: paused when its schedule is disabled and concurrency 0', async () => {
    const plane = controlPlaneOf(local.members.staging);
    const [rule] = Object.values(plane.state.rules);
    const [fn] = Object.values(plane.state.functions);
    if (!rule || !fn) throw new Error('no reaper in staging');
    [rule.state, fn.reservedConcurrency] = ['DISABLED', 0];
    try {
      const { stdout } = await runOrgCli(local, ['status', '--org', '--accounts', STAGING, '--json']);

      expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ account: STAGING, state: 'paused', why: ['paused: schedule disabled, reserved concurrency 0'] })]);
    } finally {
      [rule.state, fn.reservedConcurrency] = ['ENABLED', 1];
    }
  });
});

describe('status --org --ou against a local organization', () => {
  it('looks only at the accounts under the OU, and asks for its child OUs', async () => {
    const { stdout } = await runOrgCli(local, ['status', '--org', '--ou', local.org.ouId('production'), '--json']);

    expect((JSON.parse(stdout) as StatusRow[]).map((row) => row.account).sort()).toEqual([PROD, STAGING]);
    expect(local.members.management.calls.map((call) => call.action)).toEqual(expect.arrayContaining(['ListAccountsForParent', 'ListOrganizationalUnitsForParent']));
  });

  it('says so when the OU is not the organization\'s', async () => {
    // A UsageError: main turns it into exit code 2.
    await expect(runOrgCli(local, ['status', '--org', '--ou', 'ou-zz99-zzzzzzzz', '--json'])).rejects.toThrow('--ou ou-zz99-zzzzzzzz: no such OU in the organization');
  });
});

describe('status --org: a run that fails', () => {
  afterEach(() => local.members.staging.allowAction('ec2:DescribeInstances'));

  it('is out of policy, with the error the failed run logged', async () => {
    local.members.staging.denyAction('ec2:DescribeInstances');
    await expect(runReaperIn(local, local.members.staging)).rejects.toThrow('the reaper failed in 444444444444');

    const { code, stdout } = await runOrgCli(local, ['status', '--org', '--accounts', STAGING, '--json']);

    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ state: 'out of policy', why: [expect.stringMatching(/^last run failed \(read-denied: .*DescribeInstances/)] })]);
  });

  it('bad input is a failed run too: out of policy, with its code and the field, and the function called nothing', async () => {
    local.members.staging.clearCalls();
    await expect(runReaperIn(local, local.members.staging, { dryrun: true })).rejects.toThrow('the reaper failed in 444444444444');
    // The function called nothing: the account saw only its invocation.
    expect(local.members.staging.calls.map((call) => call.action)).toEqual(['Invoke']);

    const { code, stdout } = await runOrgCli(local, ['status', '--org', '--accounts', STAGING, '--json']);

    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ state: 'out of policy', why: [expect.stringMatching(/^last run failed \(input-invalid: Invalid invocation: dryrun: unknown field/)] })]);
  });
});

describe('plan --org against a local organization', () => {
  it('forecasts each reachable account (prod waits for the replacements its last run started) and changes nothing in any of them', async () => {
    const { code, stdout } = await runOrgCli(local, ['plan', '--org', '--json']);
    const rows = JSON.parse(stdout) as PlanRow[];

    expect(code).toBe(3);
    expect(rows.map((row) => [row.account, row.state])).toEqual([
      [PROD, 'would wait'],
      [SANDBOX, 'unreachable'],
      [MANAGEMENT, 'not deployed'],
      [STAGING, 'nothing due'],
    ]);
    expect(rows[0]?.why[0]).toMatch(/^deferred: .*group-unstable \d+/);
    for (const member of [local.members.prod, local.members.staging, local.members.sandbox]) expect(member.mutatingCalls()).toEqual([]);
    expect(local.members.management.mutatingCalls().map((call) => `${call.service}:${call.action}`).filter((call) => call !== 'sts:AssumeRole')).toEqual([]);
  });
});

describe('status --org: why AssumeRole failed, as the local organization answers it', () => {
  const statusOf = async (account: string, override: Partial<Connection> = {}): Promise<{ code: ExitCode; row: StatusRow | undefined }> => {
    const { code, stdout } = await runOrgCli(local, ['status', '--org', '--accounts', account, '--json'], override);
    return { code, row: (JSON.parse(stdout) as StatusRow[])[0] };
  };

  it('the role is missing: AccessDenied, naming both causes STS does not tell apart', async () => {
    const { code, row } = await statusOf(SANDBOX);

    expect(code).toBe(3);
    expect(row).toMatchObject({ state: 'unreachable', why: [`role ${ORG_READER_ROLE_NAME} not assumable: AccessDenied (${ACCESS_DENIED_WHY})`], assumeRole: { cause: 'access-denied' } });
  });

  it('the trust policy admits another account only: the same AccessDenied', async () => {
    local.org.roles.add(STAGING, ORG_READER_ROLE_NAME, { trustedAccountIds: [SANDBOX] });
    try {
      const { row } = await statusOf(STAGING);

      expect(row).toMatchObject({ state: 'unreachable', why: [`role ${ORG_READER_ROLE_NAME} not assumable: AccessDenied (${ACCESS_DENIED_WHY})`], assumeRole: { cause: 'access-denied', error: 'AccessDenied' } });
    } finally {
      local.org.roles.add(STAGING, ORG_READER_ROLE_NAME, { trustedAccountIds: [MANAGEMENT] });
    }
  });

  it('STS deactivated in the CLI region for the member account: RegionDisabledException, naming the region and the account', async () => {
    local.org.deactivateSts(STAGING, 'us-east-1');
    try {
      const { row } = await statusOf(STAGING);

      expect(row).toMatchObject({
        state: 'unreachable',
        why: [`role ${ORG_READER_ROLE_NAME} not assumable: RegionDisabledException (STS is not activated in us-east-1 for account ${STAGING}: its administrator activates it in IAM account settings, or run with --region set to an active region)`],
        assumeRole: { cause: 'region-disabled', error: 'RegionDisabledException', roleArn: orgReaderRoleArn('aws', STAGING) },
      });
    } finally {
      local.org.activateSts(STAGING, 'us-east-1');
    }
  });

  it('STS cannot be reached (nothing listens at the endpoint): a network cause, with the socket error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));

    const { row } = await statusOf(STAGING, { endpoint: `http://127.0.0.1:${port}` });

    expect(row).toMatchObject({
      state: 'unreachable',
      why: [expect.stringMatching(new RegExp(`^role ${ORG_READER_ROLE_NAME} not assumable: STS could not be reached \\(ECONNREFUSED: .*\\): DNS or network$`))],
      assumeRole: { cause: 'network', error: 'ECONNREFUSED' },
    });
  }, 60_000);

  it("the operator's own session has ended: ExpiredToken fails the command, and the failure says to renew the credentials", async () => {
    const ended = local.org.keys.issueTemporary({ accountId: MANAGEMENT, principal: `arn:aws:sts::${MANAGEMENT}:assumed-role/ops/me`, expiresAt: Date.now() - 1000 });
    const credentials = { accessKeyId: ended.accessKeyId, secretAccessKey: ended.secretAccessKey, sessionToken: ended.sessionToken ?? '' };
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) }, stdin: Readable.from([]), env: {}, now: Date.now };

    const failure = await runOrgCli(local, ['status', '--org', '--accounts', STAGING], { credentials }).catch((error: unknown) => error);
    const code = reportFailure(failure, io, parseCliArgs(['status', '--org']).options);

    expect(failure).toMatchObject({ name: 'ExpiredToken' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/AWS did not accept the credentials of the default credential chain \(ExpiredToken: The security token included in the request is expired\).*renew them/);
  });

  it("with --json, the operator's ended session is one JSON document on stdout naming the cause and the fix", async () => {
    const ended = local.org.keys.issueTemporary({ accountId: MANAGEMENT, principal: `arn:aws:sts::${MANAGEMENT}:assumed-role/ops/me`, expiresAt: Date.now() - 1000 });
    const credentials = { accessKeyId: ended.accessKeyId, secretAccessKey: ended.secretAccessKey, sessionToken: ended.sessionToken ?? '' };
    let stdout = '';
    const io = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, stdin: Readable.from([]), env: {}, now: Date.now };

    const failure = await runOrgCli(local, ['status', '--org', '--json', '--accounts', STAGING], { credentials }).catch((error: unknown) => error);
    const code = reportFailure(failure, io, parseCliArgs(['status', '--org', '--json']).options);

    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({ error: { message: expect.stringContaining('ExpiredToken'), fix: expect.stringContaining('renew'), exitCode: 1 } });
  });
});
