import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { StatusRow } from '../../../cli/org/org-row';
import { DEMO_ORG } from '../../../local/org/demo-org';
import { runCaptured, type CliRun } from '../cli-harness';

const [production, staging, sandbox] = DEMO_ORG.members;
const { management, central } = DEMO_ORG;

/** `status --org --local` and `plan --org --local`: the demo organization, built afresh for each command, offline. */
describe('--org --local: the local organization, rehearsed offline', () => {
  let status: CliRun;
  let statusJson: CliRun;
  let plan: CliRun;

  beforeAll(async () => {
    [status, statusJson, plan] = [await runCaptured(['status', '--org', '--local']), await runCaptured(['status', '--org', '--local', '--json']), await runCaptured(['plan', '--org', '--local'])];
  });

  it('status --org --local reads every account of the organization; sandbox, whose reader role trusts another account, is unreachable and says why; exit 3', () => {
    const rows = JSON.parse(statusJson.stdout) as StatusRow[];

    expect(statusJson).toMatchObject({ code: 3, stderr: '' });
    expect(rows.map((row) => row.account).sort()).toEqual([management.accountId, central.accountId, production?.accountId, staging?.accountId, sandbox?.accountId].sort());
    expect(rows.find((row) => row.account === production?.accountId)).toMatchObject({ name: 'production', region: 'us-east-1', state: 'out of policy' });
    expect(rows.find((row) => row.account === sandbox?.accountId)).toMatchObject({
      state: 'unreachable',
      why: [expect.stringMatching(/^role InstanceReaperOrgReader not assumable: AccessDenied \(the role is missing in the account, or its trust policy/)],
      assumeRole: { cause: 'access-denied', error: 'AccessDenied', roleArn: `arn:aws:iam::${sandbox?.accountId ?? ''}:role/InstanceReaperOrgReader` },
    });
    expect(rows.filter((row) => row.state === 'not deployed').map((row) => row.account).sort()).toEqual([management.accountId, central.accountId]);
  });

  it("status --org --local prints the table and the answer, each member's run a moment ago", () => {
    expect(status.code).toBe(3);
    expect(status.stdout).toMatch(/^ACCOUNT\s+REGION\s+STATE\s+INSTANCES\s+IN POLICY\s+OLDEST DUE\s+LAST RUN\s+WHY\n/);
    expect(status.stdout).toMatch(/^333333333333 \(production\)\s+us-east-1\s+out of policy\s+\d+\s+[\d.]+%\s+[\d.]+d\s+less than a minute ago\s+\d+ instances past lifetime/m);
    expect(status.stdout).toContain('Also: 1 unreachable: 555555555555 (sandbox); 2 not deployed:');
  });

  it('plan --org --local plans each reachable account and names what could not be planned; exit 3', () => {
    expect(plan.code).toBe(3);
    expect(plan.stdout).toMatch(/^ACCOUNT\s+REGION\s+NEXT RUN\s+TERMINATE\s+DEFERRED\s+UNMANAGED\s+WHY\n/);
    expect(plan.stdout).toMatch(/^Next runs would terminate \d+ instances in \d of 5 accounts; \d+ deferred\. Nothing was changed\.$/m);
    expect(plan.stdout).toContain('1 unreachable: 555555555555 (sandbox)');
  });

  it('prints the same thing every time: the README samples can be reproduced', async () => {
    const again = await runCaptured(['status', '--org', '--local']);

    expect(again.stdout).toBe(status.stdout);
  });

  it("is the README's sample, up to the WHY column (what a maintenance window defers depends on the hour)", () => {
    const readme = readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
    const sample = /```\n\$ npx --no-install instance-reaper status --org --local\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const why = status.stdout.indexOf('WHY');
    const table = (text: string) => text.split('\n').filter((line) => /^\d{12} /.test(line) || line.startsWith('ACCOUNT')).map((line) => line.slice(0, why).trimEnd());

    expect(table(sample)).toEqual(table(status.stdout));
    expect(sample).toContain(status.stdout.split('\n').find((line) => line.startsWith('Also: ')));
  });

  it('takes no --region or --profile: the local organization has its own', async () => {
    const { code, stderr } = await runCaptured(['plan', '--org', '--local', '--region', 'eu-west-1']);

    expect(code).toBe(2);
    expect(stderr).toContain('--local runs against the local account; --profile and --region do not apply');
  });
});
