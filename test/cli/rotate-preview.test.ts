import type { RunReport, SurgeAction } from '../../lambda/model/report';
import { DEMO } from '../../local/demo-fleet';
import type { LocalAccount } from '../../local/local-account-store';
import { demoAccount, deployed, runLocal } from './cli-harness';

interface RotateJson {
  readonly preview: { readonly terminates: string[]; readonly surges: SurgeAction[]; readonly requested: { instanceId: string; firstRun: string }[]; readonly rotateNow: number; readonly waiting: Record<string, number> };
  readonly report: RunReport;
  readonly matchesPreview: boolean;
}

let local: LocalAccount;

beforeEach(() => {
  local = demoAccount();
});

const imageOf = (group: string) => local.account.group(group).members[0]?.imageId ?? '';
const memberOf = (group: string, index: number) => local.account.group(group).members[index]?.instanceId ?? '';
const terminatedByTheAccount = () => local.account.calls.filter((call) => call.action === 'TerminateInstanceInAutoScalingGroup').map((call) => String(call.params.InstanceId));

async function rotate(flags: readonly string[]): Promise<RotateJson> {
  const { code, stdout, stderr } = await runLocal(local, ['rotate', '--local', '--yes', '--json', ...flags]);
  expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout) as RotateJson;
}

describe('rotate: the preview is the run it starts', () => {
  it.each([
    ['an AMI some instances run', () => ['--ami', imageOf('api')]],
    ['an AMI no instance runs (EC2 knows it)', () => ['--ami', 'ami-00000000000000002']],
    ['a group', () => ['--group', 'web']],
    ['two groups, one of them a group of one', () => ['--group', 'web,bastion']],
    ['instances of two groups', () => ['--instance', `${memberOf('web', 1)},${memberOf('api', 1)}`]],
  ])('lists exactly the instances the triggered run terminates, and its surge steps: %s', async (_title, flags) => {
    const result = await rotate(flags());

    expect(result.preview.terminates.length).toBeGreaterThan(0);
    expect(result.report.terminated.map((entry) => entry.instanceId)).toEqual(result.preview.terminates);
    expect([...terminatedByTheAccount()].sort()).toEqual([...result.preview.terminates].sort());
    expect(result.report.surges).toEqual(result.preview.surges);
    expect(result.matchesPreview).toBe(true);
  });

  it('shows the routine rotations the same run does, not only the request (an AMI nothing runs rotated four others)', async () => {
    const { stdout } = await runLocal(local, ['rotate', '--local', '--ami', 'ami-00000000000000002'], 'n\n');

    expect(stdout).toContain('Will rotate 0 instance(s) now.');
    expect(stdout).toContain('The same run also terminates 4 instance(s) due anyway under the configured policy:');
    expect(stdout).toMatch(/^legacy\s+i-\w+\s+60\.0d\s+ami-\w+\s+max-age,ami-drift\s+terminate$/m);
    expect(stdout).toMatch(/^ {2}bastion: add capacity first, desired capacity 2 \(i-\w+\)$/m);
    expect(stdout).toContain('In all, the run started now terminates 4 instance(s) and changes the capacity of 1 group(s).');
  });

  it('counts as rotated now only what the first run terminates, and groups what waits by why', async () => {
    const { stdout } = await runLocal(local, ['rotate', '--local', '--ami', imageOf('api')], 'n\n');

    expect(stdout).toContain('Will rotate 1 instance(s) now; 3 wait: group-budget 3.');
    expect(stdout).toMatch(/^api\s+i-\w+\s+26\.0d\s+ami-\w+\s+ami-deprecated,ami-drift,ami-blocked\s+waits: group-budget$/m);
  });

  it('counts a group rotation as the tag will make it: every member, over the whole fleet, with its holds', async () => {
    const result = await rotate(['--group', 'web,bastion']);

    expect(result.preview.rotateNow).toBe(1);
    expect(result.preview.waiting).toEqual({ 'surge-pending': 1, 'group-budget': 4, protected: 1 });
    expect(result.preview.requested.every((row) => result.report.deferred.some((entry) => entry.instanceId === row.instanceId && `waits: ${entry.why}` === row.firstRun) || row.firstRun === 'terminate')).toBe(true);
  });

  it('counts instances in no group as never touched', async () => {
    const { stdout } = await runLocal(local, ['rotate', '--local', '--ami', imageOf('legacy')], 'n\n');

    expect(stdout).toContain('Will rotate 1 instance(s) now; 2 wait: group-budget 2; 1 in no Auto Scaling group (reported, never touched).');
    expect(stdout).toMatch(/^\(none\)\s+i-\w+\s+200\.0d\s+.*never: in no Auto Scaling group$/m);
  });

  it('says a function in dry run terminates nothing, and what it would do once live', async () => {
    deployed(local).fn.environment.REAPER_DRY_RUN = 'true';

    const { stdout } = await runLocal(local, ['rotate', '--local', '--ami', imageOf('api')], 'n\n');

    expect(stdout).toContain("Dry run (the function's REAPER_DRY_RUN): nothing will be terminated. Once live, it would rotate 1 instance(s) now; 3 wait: group-budget 3.");
    expect(stdout).toContain('In all, the run started now would terminate 4 instance(s)');
  });

  it('says when the run did not do what was previewed, because the fleet changed in between', async () => {
    const [oldest, next] = local.account.group('api').members.map((member) => member.instanceId);
    // Someone protects the oldest api instance after the preview, as the request is recorded.
    local.account.onCall('ssm:PutParameter', (account) => account.setProtectedFromScaleIn(oldest ?? '', true));

    const { code, stdout, stderr } = await runLocal(local, ['rotate', '--local', '--ami', imageOf('api'), '--yes', '--json']);
    const result = JSON.parse(stdout) as RotateJson;

    expect(code).toBe(0);
    expect(result.preview.terminates).toContain(oldest);
    expect(result.matchesPreview).toBe(false);
    expect(stderr).toContain(`Warning: The run differed from the preview, because the fleet changed in between: it also terminated ${next ?? ''}; did not terminate ${oldest ?? ''}.`);
  });

  it('records nothing and runs nothing before the operator answers', async () => {
    await runLocal(local, ['rotate', '--local', '--ami', imageOf('api')], 'n\n');

    expect(local.account.state.parameters[DEMO.blockedAmisParameter]?.value).toBe('none');
    expect(local.account.mutatingCalls()).toEqual([]);
  });

  it('decides the instance request with the event it invokes the function with: the preview is the run', async () => {
    const ids = [memberOf('web', 1), memberOf('api', 2)];

    const result = await rotate(['--instance', ids.join(',')]);
    const invoked = local.account.calls.filter((call) => call.action === 'Invoke').map((call) => JSON.parse(String(call.params.Payload)) as unknown);

    expect(invoked).toEqual([{ instanceIds: ids }]);
    expect(result.preview.requested.map((row) => row.instanceId).sort()).toEqual([...ids].sort());
    expect(result.report.terminated.map((entry) => entry.instanceId)).toEqual(result.preview.terminates);
    expect(result.report.terminated.filter((entry) => entry.reasons.includes('targeted')).map((entry) => entry.instanceId).sort()).toEqual([...ids].sort());
    expect(result.matchesPreview).toBe(true);
  });
});
