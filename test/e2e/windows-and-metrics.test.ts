import { declaredDimensionNames, declaredMetrics, parseLogLines } from '../../bench/emf-metrics';
import { GROUP_FRESHNESS_MESSAGE, GROUP_PROPERTY } from '../../lambda/report/metric-names';
import { DAY_MS, LocalReaper, seedGroup, terminatedIds } from './local-reaper';

let reaper: LocalReaper | undefined;
afterEach(async () => reaper?.close());

/** The next Tuesday, 03:00 UTC, at least a day from now: inside `Tue 02:00-04:00 UTC`. */
function nextTuesdayAt3(): number {
  const date = new Date(Date.now() + DAY_MS);
  date.setUTCHours(3, 0, 0, 0);
  while (date.getUTCDay() !== 2) date.setUTCDate(date.getUTCDate() + 1);
  return date.getTime();
}

const TUESDAY = nextTuesdayAt3();
const MONDAY_NOON = TUESDAY - 15 * 3_600_000;
const WINDOW = { 'instance-reaper:window': 'Tue 02:00-04:00 UTC', 'instance-reaper:grace-days': '7' };

/** Ages in days as of `at`, seeded now. */
const agesAt = (at: number, ages: readonly number[]) => ages.map((age) => age - (at - Date.now()) / DAY_MS);

describe('the deployed bundle on the wire: maintenance windows and freshness metrics', () => {
  it('holds an instance past its lifetime outside the window and rotates it inside', async () => {
    let due = '';
    reaper = await LocalReaper.start((account) => {
      [due = ''] = seedGroup(account, 'queue', agesAt(TUESDAY, [30, 1]), { tags: WINDOW });
    });

    const outside = await reaper.invoke(undefined, { at: MONDAY_NOON });
    const inside = await reaper.invoke(undefined, { at: TUESDAY });

    expect(outside.deferred).toEqual([{ instanceId: due, group: 'queue', reasons: ['max-age'], why: 'outside-window' }]);
    expect(terminatedIds(inside)).toEqual([due]);
  });

  it('rotates outside the window once lifetime plus grace has passed, and for emergency reasons', async () => {
    let overdue = '';
    let targeted = '';
    reaper = await LocalReaper.start((account) => {
      [overdue = '', targeted = ''] = seedGroup(account, 'queue', agesAt(MONDAY_NOON, [36, 2, 1]), { tags: WINDOW, maxSize: 6 });
    });

    const report = await reaper.invoke({ instanceIds: [targeted], maxTerminationsPerGroup: 2 }, { at: MONDAY_NOON });

    expect(terminatedIds(report)).toEqual([overdue, targeted].sort());
  });

  it('reports a malformed window in errors and leaves only that group alone', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'queue', [40, 1], { tags: { 'instance-reaper:window': 'Someday 02:00-04:00 Mars/Olympus' } });
      seedGroup(account, 'web', [40, 1]);
    });

    const report = await reaper.invoke();

    expect(report.errors).toEqual([expect.objectContaining({ group: 'queue', code: 'tag-malformed', message: expect.stringContaining('instance-reaper:window') })]);
    expect(report.terminated.map((entry) => entry.group)).toEqual(['web']);
  });

  it('publishes freshness for the account as EMF metrics, and logs each group on a line that names it', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'web', [40, 1]);
      seedGroup(account, 'api', [2, 1]);
    });

    const lines = parseLogLines((await reaper.invokeRaw({ dryRun: true })).logs);
    const emf = lines.filter((line) => '_aws' in line);

    expect(emf).toEqual([expect.objectContaining({ Terminated: 1, InstancesPastLifetime: 1, FleetWithinPolicyPercent: 75 })]);
    expect(declaredDimensionNames(emf)).toEqual(new Set(['service']));
    expect(lines.filter((line) => line.message === GROUP_FRESHNESS_MESSAGE)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ [GROUP_PROPERTY]: 'web', instances: 2, instancesPastLifetime: 1, withinPolicyPercent: 50 }),
        expect.objectContaining({ [GROUP_PROPERTY]: 'api', instances: 2, instancesPastLifetime: 0, withinPolicyPercent: 100 }),
      ]),
    );
  });

  it('creates the same few account-wide metrics for 2 groups as for 40, with every group in the logs', async () => {
    const metricsFor = async (groups: number) => {
      reaper = await LocalReaper.start((account) => {
        for (let index = 0; index < groups; index += 1) seedGroup(account, `group-${index}`, [40, 1]);
      });
      const lines = parseLogLines((await reaper.invokeRaw({ dryRun: true })).logs);
      await reaper.close();
      reaper = undefined;
      return { metrics: declaredMetrics(lines), named: new Set(lines.map((line) => line[GROUP_PROPERTY]).filter((name) => name !== undefined)) };
    };

    const few = await metricsFor(2);
    const many = await metricsFor(40);

    expect(many.metrics).toEqual(few.metrics);
    expect(many.metrics.size).toBeLessThanOrEqual(25);
    expect(many.named.size).toBe(40);
  });
});
