import { RUN_REPORT_MESSAGE, type ReportLine } from '../../lambda/report/report-lines';
import { splitReport } from '../../lambda/report/split-report';
import type { LocalAccount } from '../../local/local-account-store';
import { largeReport } from '../report/large-report';
import { demoAccount, deployed, runLocal } from './cli-harness';

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
    expect(stdout).toMatch(/^Policy\s.*; bake time each group's DefaultInstanceWarmup, else none;/m);
    expect(stdout).toMatch(/^Blocked AMIs\s+none \(\/instance-reaper\/blocked-amis\)$/m);
    expect(stdout).toMatch(/^Latest run\s+no report logged/m);
  });

  it('after a rotation: the requested rotation and the latest run report from the function logs', async () => {
    await runLocal(local, ['rotate', '--local', '--group', 'web', '--yes']);

    const { stdout } = await runLocal(local, ['status', '--local']);

    expect(stdout).toMatch(/^Rotations\s+web before \d{4}-\d\d-\d\dT/m);
    expect(stdout).toMatch(/^Latest run\s+\d{4}-\d\d-\d\dT\S+: Scanned 8 groups, \d+ instances; due \d+: terminated 4, .* Emergency left: 5\.$/m);
  });

  it('reassembles a 1,000-group report logged in parts, passing over a newer run that is missing a part', async () => {
    const now = local.account.now();
    const log = (lines: readonly ReportLine[], timestamp: number) => {
      for (const line of lines) {
        const message = JSON.stringify({ level: 'INFO', message: RUN_REPORT_MESSAGE, service: 'instance-reaper', timestamp: new Date(timestamp).toISOString(), ...line });
        local.plane.state.logEvents.push({ logGroupName: deployed(local).fn.logGroupName, logStreamName: line.runId, timestamp, message, eventId: `${line.runId}-${line.part}` });
      }
    };
    const whole = splitReport(largeReport(1_000), 'req-whole');
    log(whole, now - 60_000);
    log(splitReport(largeReport(3), 'req-partial').filter((line) => line.part !== 2), now - 1_000);

    const { stdout } = await runLocal(local, ['status', '--local']);

    expect(whole.length).toBeGreaterThan(5);
    expect(stdout).toMatch(new RegExp(`^Latest run\\s+${new Date(now - 60_000).toISOString()}: Scanned 1000 groups, 10000 instances; .*terminated 2000`, 'm'));
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

  describe('with a request newer than the latest run', () => {
    interface StatusJson {
      readonly latestRun: { readonly emergencyLeft: number | null; readonly requestsAfter: readonly string[] };
    }

    beforeEach(async () => {
      await runLocal(local, ['rotate', '--local', '--group', 'web', '--yes']);
      // Paused: the next request is recorded, and no run follows it.
      deployed(local).fn.reservedConcurrency = 0;
    });

    it.each([
      ['an AMI blocked', () => ['--ami', local.account.group('api').members[0]?.imageId ?? ''], /^blocked AMIs changed at \S+Z$/],
      ['a group rotation requested', () => ['--group', 'api'], /^rotation of api requested at \S+Z$/],
    ])('does not give the older run\'s Emergency left once %s after it', async (_title, flags, request) => {
      await runLocal(local, ['rotate', '--local', ...flags(), '--yes']);

      const { stdout } = await runLocal(local, ['status', '--local']);
      const json = JSON.parse((await runLocal(local, ['status', '--local', '--json'])).stdout) as StatusJson;

      expect(stdout).toMatch(/^Latest run\s+\S+: Scanned 8 groups, \d+ instances; .*; errors \d+\.$/m);
      expect(stdout).not.toMatch(/Emergency left: \d/);
      expect(stdout).toMatch(/^ {13}Emergency left: not counted by this run, which was before the (blocked AMIs changed|rotation of api requested) at \S+; 'instance-reaper plan' counts it now\.$/m);
      expect(json.latestRun.emergencyLeft).toBeNull();
      expect(json.latestRun.requestsAfter).toEqual([expect.stringMatching(request)]);
    });

    it('gives the latest run\'s Emergency left again once a run follows the request', async () => {
      deployed(local).fn.reservedConcurrency = 1;
      await runLocal(local, ['rotate', '--local', '--group', 'api', '--yes']);

      const json = JSON.parse((await runLocal(local, ['status', '--local', '--json'])).stdout) as StatusJson;

      expect(json.latestRun.emergencyLeft).toEqual(expect.any(Number));
      expect(json.latestRun.requestsAfter).toEqual([]);
    });
  });
});
