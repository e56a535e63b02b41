import { RUN_SUMMARY_SOURCE, type GroupSummary, type RunSummary } from '../../../lambda/report/run-summary';
import { buildCentralView, STOPPED_AFTER_INTERVALS, type SummaryEvent } from '../../../local/org/central-view';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-25T12:00:00Z');

const group = (name: string, fleetWithinPolicyPercent: number, oldestInstanceAgeDays: number): GroupSummary => ({
  group: name,
  instances: 4,
  fleetWithinPolicyPercent,
  oldestInstanceAgeDays,
  instancesPastLifetime: 1,
  instancesOnStaleAmi: 0,
});

function makeSummary(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    schemaVersion: 1,
    runAt: new Date(NOW).toISOString(),
    dryRun: false,
    scanned: { groups: 2, instances: 8 },
    terminated: 1,
    deferred: { budget: 2 },
    unmanaged: 0,
    errors: 0,
    errorsByCode: [],
    errorMessages: [],
    freshness: { instances: 8, oldestInstanceAgeDays: 40, instancesPastLifetime: 2, instancesOnStaleAmi: 0, fleetWithinPolicyPercent: 75 },
    stalestGroups: [],
    ...overrides,
  };
}

/** A stored event: the envelope's region is the bus's, the summary names its own. */
const event = (account: string, hoursAgo: number, summary: Partial<RunSummary> = {}): SummaryEvent => ({
  source: RUN_SUMMARY_SOURCE,
  account,
  region: 'us-east-1',
  time: new Date(NOW - hoursAgo * HOUR).toISOString(),
  detail: makeSummary({ account, region: 'eu-west-1', ...summary }),
});

const view = (events: SummaryEvent[], extra = {}) => buildCentralView(events, { now: NOW, scheduleIntervalMs: HOUR, ...extra });

describe('buildCentralView', () => {
  it('keeps each account and region\'s last run, in the summary\'s region, least within policy first', () => {
    const result = view([
      event('111111111111', 2, { terminated: 5 }),
      event('111111111111', 1, { terminated: 1, freshness: { instances: 8, oldestInstanceAgeDays: 30, instancesPastLifetime: 1, instancesOnStaleAmi: 0, fleetWithinPolicyPercent: 90 } }),
      event('222222222222', 1),
    ]);

    expect(result.accounts.map((row) => [row.account, row.region, row.summaries, row.lastRun?.terminated, row.lastRun?.freshness.fleetWithinPolicyPercent])).toEqual([
      ['222222222222', 'eu-west-1', 1, 1, 75],
      ['111111111111', 'eu-west-1', 2, 1, 90],
    ]);
  });

  it.each([
    ['exactly the threshold', STOPPED_AFTER_INTERVALS, false],
    ['just past the threshold', STOPPED_AFTER_INTERVALS + 0.01, true],
  ])('an account silent for %s (%s intervals) is stopped: %s', (_title, hoursAgo, stopped) => {
    const result = view([event('111111111111', hoursAgo), event('222222222222', 0)]);

    expect(result.stoppedReporting.map((row) => row.account)).toEqual(stopped ? ['111111111111'] : []);
  });

  it('names an expected account that never reported as stopped, before those that went silent', () => {
    const result = view([event('111111111111', 10), event('222222222222', 0)], { expected: [{ account: '333333333333', region: 'eu-west-1' }] });

    expect(result.stoppedReporting.map((row) => [row.account, row.summaries])).toEqual([
      ['333333333333', 0],
      ['111111111111', 1],
    ]);
  });

  it('lists the stalest groups organization-wide from each last summary, least within policy then oldest first', () => {
    const result = view([
      event('111111111111', 3, { stalestGroups: [group('gone-now', 0, 90)] }),
      event('111111111111', 1, { stalestGroups: [group('web', 50, 40), group('api', 80, 30)] }),
      event('222222222222', 1, { stalestGroups: [group('batch', 50, 60)] }),
    ]);

    expect(result.stalestGroups.map((row) => [row.account, row.group])).toEqual([
      ['222222222222', 'batch'],
      ['111111111111', 'web'],
      ['111111111111', 'api'],
    ]);
  });

  it('lists runs with errors newest first with their first message', () => {
    const result = view([
      event('111111111111', 3, { errors: 1, errorMessages: ['web: denied'] }),
      event('111111111111', 2),
      event('222222222222', 1, { errors: 2, errorMessages: ['api: throttled', 'batch: gone'] }),
    ]);

    expect(result.runsWithErrors.map((run) => [run.account, run.errors, run.firstError])).toEqual([
      ['222222222222', 2, 'api: throttled'],
      ['111111111111', 1, 'web: denied'],
    ]);
  });

  it('counts errors by code per account and region over every summary, most first, reading no message', () => {
    const result = view([
      event('111111111111', 3, { errors: 3, errorsByCode: [{ code: 'read-denied', errors: 2 }, { code: 'alarm-unknown', errors: 1 }], errorMessages: ['web: x'] }),
      event('111111111111', 2, { errors: 2, errorsByCode: [{ code: 'read-denied', errors: 2 }], errorMessages: ['web: y'] }),
      event('222222222222', 1, { errors: 1, errorsByCode: [{ code: 'notify-failed', errors: 1 }], errorMessages: ['z'] }),
    ]);

    expect(result.errorsByCode.map((row) => [row.code, row.account, row.errors, row.runs])).toEqual([
      ['read-denied', '111111111111', 4, 2],
      ['alarm-unknown', '111111111111', 1, 1],
      ['notify-failed', '222222222222', 1, 1],
    ]);
  });

  it('ignores other sources and counts summaries it cannot read', () => {
    const result = view([event('111111111111', 1), { ...event('111111111111', 1), source: 'other' }, { ...event('222222222222', 1), detail: { hello: 1 } }]);

    expect(result.accounts).toHaveLength(1);
    expect(result.unreadable).toBe(1);
  });

  it('refuses a schedule interval that is not positive, naming it', () => {
    expect(() => view([], { scheduleIntervalMs: 0 })).toThrow(/scheduleIntervalMs/);
  });
});
