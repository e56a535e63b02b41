import type { RunReport } from '../../lambda/model/report';
import type { LocalAccount } from '../../local/local-account-store';
import { demoAccount, deployed, invokeDeployed, mutatingActions, runLocal } from './cli-harness';

let local: LocalAccount;

beforeEach(() => {
  local = demoAccount();
});

describe('plan --local', () => {
  it('prints a table of due instances with what the next run does, and totals', async () => {
    const { code, stdout } = await runLocal(local, ['plan', '--local']);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^GROUP\s+INSTANCE\s+AGE\s+AMI\s+REASONS\s+NEXT RUN$/m);
    expect(stdout).toMatch(/^web\s+i-\w+\s+45\.0d\s+ami-\w+\s+max-age,ami-drift\s+terminate$/m);
    expect(stdout).toMatch(/^payments\s+i-\w+\s+90\.0d\s+.*deferred: exempt$/m);
    expect(stdout).toMatch(/^\(none\)\s+i-\w+\s+200\.0d\s+.*unmanaged: report only$/m);
    expect(stdout).toMatch(/Scanned 8 groups, \d+ instances; due \d+: terminate 4, deferred \d+ \(.*\), unmanaged 1; errors 0\. Emergency left: 0\./);
    expect(stdout).toContain('Policy of function InstanceReaper-');
  });

  it('changes nothing: only reads', async () => {
    await runLocal(local, ['plan', '--local']);

    expect(local.account.calls.length).toBeGreaterThan(0);
    expect(mutatingActions(local)).toEqual([]);
  });

  it('prints the report as JSON with --json, and only that on stdout', async () => {
    const { code, stdout } = await runLocal(local, ['plan', '--local', '--json']);
    const report = JSON.parse(stdout) as RunReport;

    expect(code).toBe(0);
    expect(report.dryRun).toBe(true);
    expect(report.scanned.groups).toBe(8);
    expect(report.terminated.map((entry) => entry.group).sort()).toEqual(['api', 'batch', 'legacy', 'web']);
    expect(report.deferred.filter((entry) => entry.group === 'payments').every((entry) => entry.why === 'exempt')).toBe(true);
  });

  it('plans with the deployed function policy, read from its configuration', async () => {
    deployed(local).fn.environment.REAPER_MAX_TERMINATIONS = '2';

    const report = JSON.parse((await runLocal(local, ['plan', '--local', '--json'])).stdout) as RunReport;

    expect(report.terminated).toHaveLength(2);
    expect(report.deferred.some((entry) => entry.why === 'run-budget')).toBe(true);
    expect(local.account.calls.some((call) => call.service === 'lambda' && call.action === 'GetFunctionConfiguration')).toBe(true);
  });

  it('lets flags override the policy like a manual invocation: --group and --max-age-days', async () => {
    const { stdout } = await runLocal(local, ['plan', '--local', '--json', '--group', 'queue', '--max-age-days', '0']);
    const report = JSON.parse(stdout) as RunReport;

    expect(report.scanned.groups).toBe(1);
    expect([...report.terminated, ...report.deferred].map((entry) => entry.instanceId)).toHaveLength(3);
    expect(report.unmanaged).toEqual([]);
  });

  it('plans exactly what the deployed function decides in a dry run', async () => {
    const plan = JSON.parse((await runLocal(local, ['plan', '--local', '--json'])).stdout) as RunReport;
    const run = (await invokeDeployed(local, { dryRun: true })) as RunReport;

    expect(plan.terminated).toEqual(run.terminated);
    expect(plan.deferred).toEqual(run.deferred);
    expect(plan.unmanaged).toEqual(run.unmanaged);
    expect(plan.surges).toEqual(run.surges);
  });

  it.each([
    ['a negative lifetime', ['--max-age-days=-1'], /--max-age-days -1: expected a number >= 0/],
    ['a lifetime that is not a number', ['--max-age-days', 'soon'], /--max-age-days "soon": expected a number >= 0/],
    ['a malformed AMI ID', ['--ami', 'ubuntu'], /--ami "ubuntu": expected an AMI ID/],
    ['a budget of 0', ['--max-terminations-per-group', '0'], /--max-terminations-per-group 0/],
    ['an unknown flag', ['--dryrun'], /Unknown option '--dryrun'/],
    ['a flag of another command', ['--yes'], /'plan' does not take --yes/],
  ])('refuses %s with exit 2 before any AWS call', async (_title, flags, message) => {
    const { code, stderr, stdout } = await runLocal(local, ['plan', '--local', ...flags]);

    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
    expect(local.account.calls).toEqual([]);
  });

  it('refuses a group that does not exist with exit 2', async () => {
    const { code, stderr } = await runLocal(local, ['plan', '--local', '--group', 'web', '--group', 'wbe']);

    expect(code).toBe(2);
    expect(stderr).toContain('Auto Scaling group not found: wbe');
  });
});
