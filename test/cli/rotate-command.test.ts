import type { RunReport } from '../../lambda/model/report';
import { DEMO } from '../../local/demo-fleet';
import type { LocalAccount } from '../../local/local-account-store';
import { demoAccount, deployed, mutatingActions, runLocal } from './cli-harness';

const ROTATE_BEFORE = 'instance-reaper:rotate-before';
let local: LocalAccount;

beforeEach(() => {
  local = demoAccount();
});

const blockedAmis = () => local.account.state.parameters[DEMO.blockedAmisParameter]?.value;
const imageOf = (group: string) => local.account.group(group).members[0]?.imageId ?? '';

describe('rotate --group', () => {
  it('with --yes records rotate-before on the group, then runs the function once', async () => {
    const started = Date.now();
    const { code, stdout } = await runLocal(local, ['rotate', '--local', '--group', 'web', '--yes']);
    const tag = local.account.group('web').tags[ROTATE_BEFORE] ?? '';

    expect(code).toBe(0);
    expect(Date.parse(tag)).toBeGreaterThanOrEqual(started - 1000);
    expect(Date.parse(tag)).toBeLessThanOrEqual(Date.now());
    expect(mutatingActions(local).slice(0, 2)).toEqual(['autoscaling:CreateOrUpdateTags', 'lambda:Invoke']);
    expect(mutatingActions(local).filter((action) => action === 'lambda:Invoke')).toHaveLength(1);
    expect(stdout).toMatch(/^web\s+i-\w+\s+45\.0d.*rotation-requested\s+terminated$/m);
  });

  it('shows every instance of the group and what the first run does with it before it asks', async () => {
    const { stdout, stderr } = await runLocal(local, ['rotate', '--local', '--group', 'web'], 'n\n');

    expect(stdout).toContain('Will rotate 1 instance(s) now; 5 wait: group-budget 4, protected 1.');
    expect(stdout).toMatch(/^web\s+i-\w+\s+45\.0d\s+ami-\w+\s+max-age,ami-drift,rotation-requested\s+terminate$/m);
    expect(stdout).toMatch(/^web\s+i-\w+\s+20\.0d\s+ami-\w+\s+ami-drift,rotation-requested\s+waits: protected$/m);
    expect(stderr).toMatch(/Record the request and start a run of function InstanceReaper-\S+ \(stack InstanceReaper\) now \(it terminates 4 instance\(s\)\)\? \[y\/N\]/);
  });

  it('answered n changes nothing and exits 1', async () => {
    const { code, stderr } = await runLocal(local, ['rotate', '--local', '--group', 'web'], 'n\n');

    expect(code).toBe(1);
    expect(stderr).toContain('Nothing changed.');
    expect(mutatingActions(local)).toEqual([]);
    expect(local.account.group('web').tags[ROTATE_BEFORE]).toBeUndefined();
  });

  it('with nothing on stdin (a script without --yes) changes nothing', async () => {
    const { code } = await runLocal(local, ['rotate', '--local', '--group', 'web']);

    expect(code).toBe(1);
    expect(mutatingActions(local)).toEqual([]);
  });

  it('refuses a group that does not exist with exit 2, changing nothing', async () => {
    const { code, stderr } = await runLocal(local, ['rotate', '--local', '--group', 'web', '--group', 'nope', '--yes']);

    expect(code).toBe(2);
    expect(stderr).toContain('Auto Scaling group not found: nope; nothing was changed');
    expect(mutatingActions(local)).toEqual([]);
    expect(local.account.group('web').tags[ROTATE_BEFORE]).toBeUndefined();
  });
});

describe('rotate --ami', () => {
  it('answered y adds the AMI to the blocked-AMIs parameter (replacing none) and runs the function', async () => {
    const ami = imageOf('api');
    const { code, stdout } = await runLocal(local, ['rotate', '--local', '--ami', ami], 'y\n');

    expect(code).toBe(0);
    expect(blockedAmis()).toBe(ami);
    expect(mutatingActions(local).slice(0, 2)).toEqual(['ssm:PutParameter', 'lambda:Invoke']);
    expect(stdout).toMatch(/^api\s+i-\w+\s+40\.0d.*ami-blocked\s+terminated$/m);
  });

  it('keeps the AMIs already blocked, each once', async () => {
    local.account.putParameter(DEMO.blockedAmisParameter, `ami-0aaa,${imageOf('api')}`, 'StringList');

    await runLocal(local, ['rotate', '--local', '--ami', `${imageOf('api')},${imageOf('legacy')}`, '--yes']);

    expect(blockedAmis()).toBe(`ami-0aaa,${imageOf('api')},${imageOf('legacy')}`);
  });

  it('prints the request, the preview and the run report with --json', async () => {
    const ami = imageOf('api');
    const { stdout } = await runLocal(local, ['rotate', '--local', '--ami', ami, '--yes', '--json']);
    const result = JSON.parse(stdout) as { requested: { blockedAmis: string[] }; preview: { requested: unknown[]; terminates: string[] }; report: RunReport; matchesPreview: boolean };

    expect(result.requested.blockedAmis).toEqual([ami]);
    expect(result.preview.requested).toHaveLength(4);
    expect(result.preview.terminates).toEqual(result.report.terminated.map((entry) => entry.instanceId));
    expect(result.matchesPreview).toBe(true);
    expect(result.report.terminated.some((entry) => entry.reasons.includes('ami-blocked'))).toBe(true);
  });

  it.each([
    ['a malformed AMI ID', ['--ami', 'ami_123'], /--ami "ami_123": expected an AMI ID/],
    ['both --ami and --group', ['--ami', 'ami-0abc', '--group', 'web'], /not more than one/],
    ['neither --ami nor --group', [], /takes --ami AMI \.\.\., --group GROUP \.\.\. or --instance ID \.\.\., one of them/],
    ['an unknown flag', ['--ami', 'ami-0abc', '--really'], /Unknown option '--really'/],
  ])('refuses %s with exit 2 before any AWS call', async (_title, flags, message) => {
    const { code, stderr } = await runLocal(local, ['rotate', '--local', '--yes', ...flags]);

    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(local.account.calls).toEqual([]);
  });

  it('warns when a group still launches the AMI being blocked', async () => {
    const { stderr } = await runLocal(local, ['rotate', '--local', '--ami', imageOf('bastion')], 'n\n');

    expect(stderr).toMatch(/Warning: group bastion still launches ami-\w+: its replacements would be blocked too/);
  });
});

describe('rotate while paused', () => {
  it('says up front, before the preview, that nothing runs until resumed', async () => {
    deployed(local).fn.reservedConcurrency = 0;

    const { stdout, stderr } = await runLocal(local, ['rotate', '--local', '--group', 'web'], 'n\n');

    expect(stdout.split('\n')[0]).toBe("The reaper is paused: nothing runs until 'instance-reaper resume'. The request is recorded now, and rotation starts when it resumes.");
    expect(stdout).toContain('Will rotate 1 instance(s) now');
    expect(stderr).toMatch(/Record the request for function \S+ \(stack InstanceReaper\), which is paused\?/);
  });

  it('records the request, says nothing runs until resume, and exits 1', async () => {
    deployed(local).fn.reservedConcurrency = 0;

    const { code, stdout, stderr } = await runLocal(local, ['rotate', '--local', '--group', 'web', '--yes']);

    expect(code).toBe(1);
    expect(local.account.group('web').tags[ROTATE_BEFORE]).toBeDefined();
    expect(stdout).toMatch(/^The reaper is paused: nothing runs until 'instance-reaper resume'/);
    expect(stderr).toContain("the reaper is paused: nothing runs until 'instance-reaper resume', and rotation starts then");
    expect(mutatingActions(local)).toEqual(['autoscaling:CreateOrUpdateTags']);
  });
});

describe('rotate --instance', () => {
  const memberOf = (group: string, index: number) => local.account.group(group).members[index]?.instanceId ?? '';

  it('with --yes records nothing and runs the function once with the instances targeted', async () => {
    const id = memberOf('web', 1);

    const { code, stdout } = await runLocal(local, ['rotate', '--local', '--instance', id, '--yes']);
    const invoke = local.account.calls.find((call) => call.action === 'Invoke');

    expect(code).toBe(0);
    expect(mutatingActions(local)[0]).toBe('lambda:Invoke');
    expect(mutatingActions(local).filter((action) => action === 'lambda:Invoke')).toHaveLength(1);
    expect(blockedAmis()).toBe('none');
    expect(['web', 'api', 'bastion', 'legacy'].map((group) => local.account.group(group).tags[ROTATE_BEFORE])).toEqual([undefined, undefined, undefined, undefined]);
    expect(JSON.parse(String(invoke?.params.Payload))).toEqual({ instanceIds: [id] });
    expect(stdout).toMatch(new RegExp(`^web\\s+${id}\\s+.*targeted\\s+terminated$`, 'm'));
  });

  it('takes several instances, repeated or comma-separated, each once', async () => {
    const [a, b] = [memberOf('web', 1), memberOf('api', 1)];

    await runLocal(local, ['rotate', '--local', '--instance', `${a},${b}`, '--instance', a, '--yes']);
    const invoke = local.account.calls.find((call) => call.action === 'Invoke');

    expect(JSON.parse(String(invoke?.params.Payload))).toEqual({ instanceIds: [a, b] });
  });

  it('says before it asks that the request is this one run, not recorded for later runs', async () => {
    const { stdout, stderr } = await runLocal(local, ['rotate', '--local', '--instance', memberOf('web', 1)], 'n\n');

    expect(stdout).toContain('An instance request is not recorded: only the run started now targets these instances; one that waits is not rotated by later runs unless it is due anyway (rotate it again).');
    expect(stderr).toMatch(/Start a run of function \S+ \(stack InstanceReaper\) now, targeting 1 instance\(s\) \(it terminates \d+ instance\(s\)\)\? \[y\/N\]/);
  });

  it('answered n changes nothing and exits 1', async () => {
    const { code } = await runLocal(local, ['rotate', '--local', '--instance', memberOf('web', 1)], 'n\n');

    expect(code).toBe(1);
    expect(mutatingActions(local)).toEqual([]);
  });

  it('refuses an instance EC2 does not know with exit 2, changing nothing', async () => {
    const { code, stderr } = await runLocal(local, ['rotate', '--local', '--instance', `${memberOf('web', 1)},i-0000000000000ffff`, '--yes']);

    expect(code).toBe(2);
    expect(stderr).toContain('i-0000000000000ffff: EC2 knows no such instance (or only as terminated)');
    expect(stderr).toContain('nothing was changed. Pass --force to go on with it anyway.');
    expect(mutatingActions(local)).toEqual([]);
  });

  it('with --force goes on with an unknown instance, saying so, and the run reports it not found', async () => {
    const { code, stdout, stderr } = await runLocal(local, ['rotate', '--local', '--instance', 'i-0000000000000ffff', '--force', '--yes', '--json']);
    const result = JSON.parse(stdout) as { report: RunReport };

    expect(code).toBe(0);
    expect(stderr).toContain('Warning: i-0000000000000ffff: EC2 knows no such instance (or only as terminated); going on because of --force.');
    expect(result.report.errors).toContainEqual(expect.objectContaining({ instanceId: 'i-0000000000000ffff', message: 'targeted instance not found' }));
  });

  it.each([
    ['a malformed instance ID', ['--instance', 'i_123'], /--instance "i_123": expected an instance ID/],
    ['--instance with --ami', ['--instance', 'i-0abc', '--ami', 'ami-0abc'], /takes --ami AMI \.\.\., --group GROUP \.\.\. or --instance ID \.\.\., not more than one/],
    ['--instance with --group', ['--instance', 'i-0abc', '--group', 'web'], /not more than one/],
    ['a misspelt --instance', ['--instanse', 'i-0abc'], /Unknown option '--instanse'; did you mean --instance\?/],
  ])('refuses %s with exit 2 before any AWS call', async (_title, flags, message) => {
    const { code, stderr } = await runLocal(local, ['rotate', '--local', '--yes', ...flags]);

    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(local.account.calls).toEqual([]);
  });

  it('while paused refuses up front: nothing is recorded, so nothing would ever run it', async () => {
    deployed(local).fn.reservedConcurrency = 0;

    const { code, stdout, stderr } = await runLocal(local, ['rotate', '--local', '--instance', memberOf('web', 1), '--yes']);

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain("the reaper is paused: nothing runs until 'instance-reaper resume'. An instance request is not recorded, so nothing was changed; resume first, then rotate the instances.");
    expect(mutatingActions(local)).toEqual([]);
  });
});
