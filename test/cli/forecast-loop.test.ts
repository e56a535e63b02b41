import type { ForecastResult } from '../../cli/forecast/forecast-loop';
import { isInsideWindows, parseWindows, type MaintenanceWindow } from '../../lambda/policy/windows';
import { FakeAccount } from '../../local/fake-aws/account';
import { DAY, forecastOf, HOUR, MONDAY, settingsOf } from './forecast-harness';

const MINUTE = 60_000;

/** A group of `ages.length` InService instances of the given ages (days) on the AMI it launches now. */
function seedGroup(account: FakeAccount, name: string, ages: readonly number[], tags: Record<string, string> = {}): string[] {
  const imageId = account.addImage({ name, creationDate: MONDAY - 10 * DAY });
  const template = account.addLaunchTemplate({ name, imageId });
  account.addGroup({ name, minSize: 1, maxSize: ages.length * 2, desiredCapacity: ages.length, launchTemplate: { id: template, version: '$Latest' }, tags });
  return ages.map((age) => account.addInstance({ group: name, launchTime: MONDAY - age * DAY }));
}

/** How many rotations share each key, e.g. each run, or each group in each run. */
function countBy<T>(items: readonly T[], key: (item: T) => string): number[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.values()];
}

describe('runForecast: budgets', () => {
  it('rotates every due instance, never more per run than the group and run budgets', async () => {
    const source = new FakeAccount({ now: () => MONDAY });
    const web = seedGroup(source, 'web', [40, 39, 38, 37, 36, 35, 34, 33]);
    const api = seedGroup(source, 'api', [40, 39, 38, 37, 36, 35, 34, 33]);
    const settings = settingsOf({ REAPER_MAX_TERMINATIONS: '3' }, { maxTerminationsPerGroup: { kind: 'percent', value: 25 } });

    const { result } = await forecastOf(source, settings, { start: MONDAY, intervalMs: 15 * MINUTE, runs: 8 });
    const perRun = countBy(result.rotations, (rotation) => String(rotation.at));
    const perGroupAndRun = countBy(result.rotations, (rotation) => `${rotation.at} ${rotation.group}`);

    expect(Math.max(...perRun)).toBe(3);
    expect(Math.max(...perGroupAndRun)).toBe(2);
    expect(result.rotations.map((rotation) => rotation.instanceId).sort()).toEqual([...web, ...api].sort());
    expect(result.rotations.every((rotation) => !rotation.launchedInForecast)).toBe(true);
    expect(result.last.deferred).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  it('acts only on its private copy: the source account receives no mutating call', async () => {
    const source = new FakeAccount({ now: () => MONDAY });
    seedGroup(source, 'web', [40, 30, 20]);

    const { result, copy } = await forecastOf(source, settingsOf(), { start: MONDAY, intervalMs: HOUR, runs: 4 });

    expect(result.rotations.length).toBe(2);
    expect(source.calls.length).toBeGreaterThan(0);
    expect(source.mutatingCalls()).toEqual([]);
    expect(source.group('web').members.every((member) => member.lifecycleState === 'InService')).toBe(true);
    expect(copy.account.mutatingCalls().map((call) => call.action)).toContain('TerminateInstanceInAutoScalingGroup');
  });
});

describe('runForecast: maintenance window and deadline', () => {
  // Tuesdays 02:00-04:00 UTC; lifetime 28 days, grace 2: the hard deadline is at 30 days.
  const WINDOW = 'Tue 02:00-04:00 UTC';
  const windows = parseWindows(WINDOW) as readonly MaintenanceWindow[];

  let result: ForecastResult;
  let ids: string[];
  const rotationOf = (index: number) => result.rotations.find((rotation) => rotation.instanceId === ids[index]);

  beforeAll(async () => {
    const source = new FakeAccount({ now: () => MONDAY });
    ids = seedGroup(source, 'queue', [28.1, 29.5, 10], { 'instance-reaper:window': WINDOW, 'instance-reaper:grace-days': '2' });
    ({ result } = await forecastOf(source, settingsOf(), { start: MONDAY, intervalMs: HOUR, runs: 3 * 24 }));
  });

  it('rotates routine reasons only inside the window', () => {
    const routine = rotationOf(0);

    expect(routine?.at).toBe(MONDAY + DAY + 2 * HOUR);
    expect(routine?.timeZone).toBe('UTC');
    expect(routine?.pastDeadline).toBe(false);
    for (const rotation of result.rotations) {
      expect(isInsideWindows(windows, rotation.at) || (rotation.pastDeadline && (rotation.ageDays ?? 0) > 30)).toBe(true);
    }
  });

  it('rotates at the hard deadline outside the window, not before it', () => {
    const [pastDeadlineSoon, young] = [rotationOf(1), rotationOf(2)];

    // 29.5 days old on Monday 00:00: exactly 30 days at 12:00, strictly past it at the 13:00 run.
    expect(pastDeadlineSoon?.at).toBe(MONDAY + 13 * HOUR);
    expect(isInsideWindows(windows, pastDeadlineSoon?.at ?? 0)).toBe(false);
    expect(pastDeadlineSoon?.pastDeadline).toBe(true);
    expect(young).toBeUndefined();
  });
});
