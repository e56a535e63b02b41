import type { LocalAccount } from '../../local/local-account-store';
import { demoAccount, runLocal } from './cli-harness';

let local: LocalAccount;

beforeEach(() => {
  local = demoAccount();
});

describe('status', () => {
  it('before any run: running, the configured policy, nothing requested, no report yet', async () => {
    const { code, stdout } = await runLocal(local, ['status', '--local']);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^State\s+running$/m);
    expect(stdout).toMatch(/^Schedule\s+InstanceReaper-\S+ ENABLED rate\(15 minutes\)$/m);
    expect(stdout).toMatch(/^Concurrency\s+1 reserved$/m);
    expect(stdout).toMatch(/^Policy\s+lifetime 28 days; .*budget 1 per group, 20 per run;.*dry run off$/m);
    expect(stdout).toMatch(/^Blocked AMIs\s+none \(\/instance-reaper\/blocked-amis\)$/m);
    expect(stdout).toMatch(/^Latest run\s+no report logged/m);
  });

  it('after a rotation: the requested rotation and the latest run report from the function logs', async () => {
    await runLocal(local, ['rotate', '--local', '--group', 'web', '--yes']);

    const { stdout } = await runLocal(local, ['status', '--local']);

    expect(stdout).toMatch(/^Rotations\s+web before \d{4}-\d\d-\d\dT/m);
    expect(stdout).toMatch(/^Latest run\s+\d{4}-\d\d-\d\dT\S+: Scanned 8 groups, \d+ instances; due \d+: terminated 4, .* Emergency left: 5\.$/m);
  });

  it('shows PAUSED after pause, and the state and latest report with --json', async () => {
    await runLocal(local, ['rotate', '--local', '--group', 'web', '--yes']);
    await runLocal(local, ['pause', '--local']);

    const human = (await runLocal(local, ['status', '--local'])).stdout;
    const json = JSON.parse((await runLocal(local, ['status', '--local', '--json'])).stdout) as Record<string, unknown>;

    expect(human).toMatch(/^State\s+PAUSED$/m);
    expect(json).toMatchObject({ state: 'paused', reservedConcurrency: 0, latestRun: { emergencyLeft: 5 } });
    expect(json.schedules).toEqual([expect.objectContaining({ state: 'DISABLED' })]);
  });
});
