import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { Readable } from 'node:stream';
import type { CliIo } from '../../../cli/cli-io';
import type { ExitCode } from '../../../cli/exit-codes';
import { orgPlanCommand, orgStatusCommand, type OrgContext } from '../../../cli/org/org-command';
import type { PlanRow } from '../../../cli/org/org-plan';
import type { StatusRow } from '../../../cli/org/org-row';
import { createOutput } from '../../../cli/output';
import { parseCliArgs } from '../../../cli/parse-cli-args';
import { startFakeAws } from '../../../local/fake-aws/server';
import { CONTROL_PLANE_SERVICES } from '../../../local/fake-aws/services/control-plane-services';
import type { LocalAccount } from '../../../local/local-account-store';
import { demoAccount, deployed, invokeDeployed, mutatingActions, runCaptured } from '../cli-harness';

const organizations = mockClient(OrganizationsClient);
const sts = mockClient(STSClient);

const PROD = '111111111111';
const SANDBOX = '222222222222';
const SUSPENDED = '333333333333';
const DENIED = '444444444444';

beforeEach(() => {
  organizations.reset();
  sts.reset();
  sts.on(AssumeRoleCommand).resolves({ Credentials: { AccessKeyId: 'AKIAMEMBER', SecretAccessKey: 'secret', SessionToken: 'token', Expiration: new Date() } });
});

describe('--org on the command line: refused before any AWS call', () => {
  it.each([
    [['status', '--accounts', PROD], '--accounts only go with --org'],
    [['plan', '--org', '--forecast', '7'], '--org does not take --forecast'],
    [['status', '--org', '--accounts', PROD, '--ou', 'ou-ab12-cd34ef56'], 'give one of the two'],
    [['status', '--org', '--accounts', '1111,222222222222', '--regions', 'moon-1'], '--accounts "1111": expected a 12-digit account ID\n--regions "moon-1"'],
    [['status', '--org', '--ou', 'sandbox'], '--ou "sandbox": expected an OU ID'],
    [['rotate', '--org', '--group', 'web'], "'rotate' does not take --org"],
  ])('%j', async (argv, message) => {
    const { code, stderr } = await runCaptured(argv);

    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(organizations.calls()).toHaveLength(0);
    expect(sts.calls()).toHaveLength(0);
  });
});

describe('status --org: the organization cannot be listed', () => {
  it('ListAccounts denied: exit 1 and a message naming --accounts as the way out', async () => {
    organizations.on(ListAccountsCommand).rejects(Object.assign(new Error('You don’t have permissions to access this resource.'), { name: 'AccessDeniedException' }));

    const { code, stdout, stderr } = await runCaptured(['status', '--org', '--region', 'eu-west-1']);

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^instance-reaper: cannot list the organization's accounts \(ListAccounts: AccessDeniedException: .*--accounts 111111111111,222222222222; nothing was changed\n$/);
    expect(sts.calls()).toHaveLength(0);
  });
});

interface Captured {
  readonly code: ExitCode;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs an `--org` command with every member account served by the one local account (the fake takes any credentials),
 * Organizations and STS mocked: the member reads go through the real SDK to the fake.
 */
async function runOrg(local: LocalAccount, argv: readonly string[]): Promise<Captured> {
  const fake = await startFakeAws(local.account, { services: CONTROL_PLANE_SERVICES });
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, stdin: Readable.from([]), env: {}, now: Date.now };
  try {
    const { command, options } = parseCliArgs(argv);
    const context: OrgContext = { io, options, output: createOutput(io, options.json), connection: { endpoint: fake.endpoint, region: fake.env.AWS_REGION, credentials: { accessKeyId: 'operator', secretAccessKey: 'secret' } } };
    const code = await (command === 'plan' ? orgPlanCommand : orgStatusCommand)(context);
    return { code, stdout, stderr };
  } finally {
    await fake.close();
  }
}

function listOrganization(): void {
  organizations.on(ListAccountsCommand).resolves({
    Accounts: [
      { Id: PROD, Name: 'prod', State: 'ACTIVE' },
      { Id: SUSPENDED, Name: 'old', State: 'SUSPENDED' },
      { Id: DENIED, Name: 'locked', State: 'ACTIVE' },
      { Id: SANDBOX, Name: 'sandbox', State: 'ACTIVE' },
    ],
  });
  sts.on(AssumeRoleCommand, { RoleArn: `arn:aws:iam::${DENIED}:role/InstanceReaperOrgReader` }).rejects(Object.assign(new Error('not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' }));
}

describe('status --org against member accounts', () => {
  let local: LocalAccount;

  beforeEach(() => {
    local = demoAccount();
    listOrganization();
  });

  it('after a run: each ACTIVE account out of policy with why and figures, the denied one unreachable, the suspended one skipped; exit 3', async () => {
    await invokeDeployed(local, {});
    local.account.clearCalls();

    const { code, stdout } = await runOrg(local, ['status', '--org', '--json']);
    const rows = JSON.parse(stdout) as StatusRow[];

    expect(code).toBe(3);
    expect(rows.map((row) => [row.account, row.state])).toEqual([
      [PROD, 'out of policy'],
      [SANDBOX, 'out of policy'],
      [DENIED, 'unreachable'],
    ]);
    expect(rows[0]?.why).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+ instances? past lifetime/), expect.stringMatching(/^deferred: .*exempt \d+/)]));
    expect(rows[0]?.figures).toEqual(expect.objectContaining({ instances: expect.any(Number), withinPolicyPercent: expect.any(Number), lastRun: expect.any(String) }));
    expect(rows[2]?.why).toEqual([expect.stringMatching(/^role InstanceReaperOrgReader not assumable: AccessDenied \(the role is missing in the account, or its trust policy does not admit the caller/)]);
    expect(rows[2]?.assumeRole).toEqual({ cause: 'access-denied', error: 'AccessDenied', roleArn: `arn:aws:iam::${DENIED}:role/InstanceReaperOrgReader` });
    expect(local.account.calls.map((call) => call.action).filter((action) => !/^(Describe|Get|List|Filter)/.test(action))).toEqual([]);
  });

  it('the human table and the answer', async () => {
    await invokeDeployed(local, {});

    const { stdout } = await runOrg(local, ['status', '--org']);

    expect(stdout).toMatch(/^111111111111 \(prod\)\s+us-east-1\s+out of policy\s+\d+\s+[\d.]+%\s+[\d.]+d\s+(less than a minute|\d+ minutes?) ago\s+\d+ instances? past lifetime/m);
    expect(stdout).toContain('2 of 3 accounts out of policy, worst first:');
    expect(stdout).toContain('Also: 1 unreachable: 444444444444 (locked).');
    expect(stdout).not.toContain(SUSPENDED);
  });

  it('before any run: out of policy because no run report was logged', async () => {
    const { stdout } = await runOrg(local, ['status', '--org', '--accounts', PROD, '--json']);

    expect(JSON.parse(stdout)).toEqual([{ account: PROD, region: 'us-east-1', state: 'out of policy', why: ['no run report in 14 days'] }]);
    expect(organizations.calls()).toHaveLength(0);
  });

  it('a paused account is paused, exit 0 when nothing else is wrong', async () => {
    await runCaptured(['pause', '--local'], { localStore: { load: () => ({ local, created: false }), save: () => undefined, reset: () => local } });

    const { code, stdout } = await runOrg(local, ['status', '--org', '--accounts', PROD, '--json']);

    expect(code).toBe(0);
    expect((JSON.parse(stdout) as StatusRow[])[0]?.state).toBe('paused');
  });

  it('--stack naming a stack the account does not have: not deployed, and why', async () => {
    const { stdout } = await runOrg(local, ['status', '--org', '--accounts', PROD, '--stack', 'Elsewhere', '--json']);

    expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ state: 'not deployed', why: [expect.stringContaining('stack Elsewhere not found')] })]);
  });
});

describe('plan --org against member accounts', () => {
  let local: LocalAccount;

  beforeEach(() => {
    local = demoAccount();
    listOrganization();
  });

  it('forecasts each account with its deployed policy and changes nothing anywhere: only reads reach the accounts', async () => {
    const { code, stdout } = await runOrg(local, ['plan', '--org', '--json']);
    const rows = JSON.parse(stdout) as PlanRow[];

    expect(code).toBe(3);
    expect(rows.map((row) => [row.account, row.state, row.summary?.terminate])).toEqual([
      [PROD, 'would terminate', 4],
      [SANDBOX, 'would terminate', 4],
      [DENIED, 'unreachable', undefined],
    ]);
    expect(rows[0]?.summary?.deferred).toEqual(expect.objectContaining({ exempt: expect.any(Number) }));
    expect(local.account.calls.length).toBeGreaterThan(0);
    expect(mutatingActions(local)).toEqual([]);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(3);
  });

  it('takes the overrides, as a manual invocation would, in every account', async () => {
    const { stdout } = await runOrg(local, ['plan', '--org', '--accounts', PROD, '--group', 'queue', '--max-age-days', '0', '--json']);

    expect((JSON.parse(stdout) as PlanRow[])[0]?.summary).toEqual(expect.objectContaining({ terminate: 1, unmanaged: 0 }));
  });

  it('a misconfigured function is that account\'s answer (exit 3), not the command\'s failure', async () => {
    deployed(local).fn.environment.REAPER_MAX_TERMINATIONS = 'lots';

    const { code, stdout } = await runOrg(local, ['plan', '--org', '--accounts', PROD, '--json']);

    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ state: 'misconfigured', why: [expect.stringMatching(/is misconfigured: .*REAPER_MAX_TERMINATIONS/)] })]);
  });

  it('a deployment in dry run: what it would terminate, and that it terminates nothing', async () => {
    deployed(local).fn.environment.REAPER_DRY_RUN = 'true';

    const { stdout } = await runOrg(local, ['plan', '--org', '--accounts', PROD, '--json']);

    expect((JSON.parse(stdout) as PlanRow[])[0]?.why).toContain('the deployed policy is a dry run: it terminates nothing');
  });

  it('the human table and the total', async () => {
    const { stdout } = await runOrg(local, ['plan', '--org']);

    expect(stdout).toMatch(/^111111111111 \(prod\)\s+us-east-1\s+would terminate\s+4\s+\d+\s+1\s+deferred: /m);
    expect(stdout).toContain('Next runs would terminate 8 instances in 2 of 3 accounts;');
    expect(stdout).toContain('1 unreachable: 444444444444 (locked)');
  });
});
