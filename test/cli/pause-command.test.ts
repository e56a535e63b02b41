import type { LocalAccount } from '../../local/local-account-store';
import { demoAccount, deployed, invokeDeployed, mutatingActions, runLocal } from './cli-harness';

let local: LocalAccount;

beforeEach(() => {
  local = demoAccount();
});

describe('pause and resume', () => {
  it('pause disables the schedule and sets reserved concurrency to 0, concurrency first', async () => {
    const { code, stdout } = await runLocal(local, ['pause', '--local']);

    expect(code).toBe(0);
    expect(deployed(local).rule.state).toBe('DISABLED');
    expect(deployed(local).fn.reservedConcurrency).toBe(0);
    expect(mutatingActions(local)).toEqual(['lambda:PutFunctionConcurrency', 'events:DisableRule']);
    expect(stdout).toContain('reserved concurrency 0 (every invocation is refused)');
  });

  it('a paused function refuses manual invocations too', async () => {
    await runLocal(local, ['pause', '--local']);

    await expect(invokeDeployed(local, {})).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    expect(local.account.calls.filter((call) => call.action === 'TerminateInstanceInAutoScalingGroup')).toEqual([]);
  });

  it('resume restores reserved concurrency 1 (runs never overlap), then enables the schedule', async () => {
    await runLocal(local, ['pause', '--local']);
    local.account.clearCalls();

    const { code, stdout } = await runLocal(local, ['resume', '--local', '--json']);

    expect(code).toBe(0);
    expect(deployed(local).rule.state).toBe('ENABLED');
    expect(deployed(local).fn.reservedConcurrency).toBe(1);
    expect(mutatingActions(local)).toEqual(['lambda:PutFunctionConcurrency', 'events:EnableRule']);
    expect(JSON.parse(stdout)).toMatchObject({ paused: false, reservedConcurrency: 1, stack: 'InstanceReaper' });
  });

  it('takes the function by name with --function, finding its schedule by target', async () => {
    const { code } = await runLocal(local, ['pause', '--local', '--function', deployed(local).fn.name]);

    expect(code).toBe(0);
    expect(deployed(local).rule.state).toBe('DISABLED');
    expect(local.account.calls.some((call) => call.service === 'cloudformation')).toBe(false);
  });

  it('fails with exit 1 and changes nothing when the named stack does not exist', async () => {
    const { code, stderr } = await runLocal(local, ['pause', '--local', '--stack', 'InstanceReaper-prod-eu']);

    expect(code).toBe(1);
    expect(stderr).toContain('stack InstanceReaper-prod-eu not found in the local account; check --stack');
    expect(stderr).not.toMatch(/--region|--profile/);
    expect(mutatingActions(local)).toEqual([]);
  });

  it.each([
    ['an argument', ['now'], /'pause' takes no arguments/],
    ['an option of another command', ['--group', 'web'], /'pause' does not take --group/],
  ])('refuses %s with exit 2, changing nothing', async (_title, extra, message) => {
    const { code, stderr } = await runLocal(local, ['pause', '--local', ...extra]);

    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(local.account.calls).toEqual([]);
  });
});
