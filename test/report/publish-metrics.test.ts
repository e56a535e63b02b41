import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { RunReport } from '../../lambda/model/report';
import type { FleetEvaluation } from '../../lambda/policy/evaluation';
import { evaluateFleet } from '../../lambda/policy/evaluate-fleet';
import { ALL_METRIC_NAMES, GROUP_FIGURE, GROUP_FRESHNESS_MESSAGE, GROUP_PROPERTY, METRIC } from '../../lambda/report/metric-names';
import { logGroupFreshness, publishMetrics } from '../../lambda/report/publish-metrics';
import { declaredDimensionNames, declaredMetrics, type LogLine } from '../../bench/emf-metrics';
import { makeFleet, makeImage, makePolicy, NOW } from '../factories';

const REPORT: RunReport = { dryRun: true, scanned: { groups: 0, instances: 0 }, terminated: [], deferred: [], unmanaged: [], errors: [], details: {}, surges: [] };

/** What the function writes for metrics and group freshness: EMF lines, then the groups' log lines. */
function publish(evaluation: FleetEvaluation, report: RunReport = REPORT): LogLine[] {
  const metrics = new Metrics({ namespace: 'InstanceReaper', serviceName: 'instance-reaper' });
  const logger = new Logger({ serviceName: 'instance-reaper' });
  const lines: LogLine[] = [];
  jest.spyOn(metrics['console'], 'log').mockImplementation((...args: unknown[]) => lines.push(JSON.parse(String(args[0])) as LogLine));
  jest.spyOn(logger, 'info').mockImplementation((...args: unknown[]) => {
    lines.push({ message: args[0], ...(args[1] as object) });
  });
  publishMetrics(metrics, report, evaluation);
  logGroupFreshness(logger, evaluation);
  return lines;
}

const groupLines = (lines: readonly LogLine[]) => lines.filter((line) => line.message === GROUP_FRESHNESS_MESSAGE);

function fleetOf(groups: number): FleetEvaluation {
  const snapshot = makeFleet(
    Array.from({ length: groups }, (_, index) => ({
      group: { name: `group-${index}` },
      instances: [{ id: `i-${index}-old`, ageDays: 40 + (index % 7) }, { id: `i-${index}-new`, ageDays: 1 }],
    })),
    { images: [makeImage()] },
  );
  return evaluateFleet(snapshot, makePolicy(), NOW);
}

describe('publishMetrics', () => {
  const evaluation = evaluateFleet(
    makeFleet(
      [
        { group: { name: 'web', launchImageId: 'ami-new' }, instances: [{ id: 'i-1', ageDays: 40, imageId: 'ami-new' }, { id: 'i-2', ageDays: 3 }] },
        { group: { name: 'api' }, instances: [{ id: 'i-3', ageDays: 2 }] },
      ],
      { images: [makeImage(), makeImage({ id: 'ami-new' })] },
    ),
    makePolicy(),
    NOW,
  );

  it('logs each group on a line of its own with its figures; no metric names a group', () => {
    const lines = publish(evaluation);

    expect(groupLines(lines)).toEqual([
      {
        message: GROUP_FRESHNESS_MESSAGE,
        [GROUP_PROPERTY]: 'web',
        [GROUP_FIGURE.instances]: 2,
        [GROUP_FIGURE.oldestInstanceAgeDays]: 40,
        [GROUP_FIGURE.instancesPastLifetime]: 1,
        [GROUP_FIGURE.instancesOnStaleAmi]: 1,
        [GROUP_FIGURE.withinPolicyPercent]: 0,
      },
      expect.objectContaining({ [GROUP_PROPERTY]: 'api', [GROUP_FIGURE.instances]: 1, [GROUP_FIGURE.oldestInstanceAgeDays]: 2, [GROUP_FIGURE.withinPolicyPercent]: 100 }),
    ]);
    const emf = lines.filter((line) => '_aws' in line);
    expect(emf).toHaveLength(1);
    expect(declaredDimensionNames(emf)).toEqual(new Set(['service']));
  });

  it('puts the run counts and the account freshness on the last line, which names no group', () => {
    const run = publish(evaluation, { ...REPORT, errors: [{ group: 'web', code: 'write-failed', message: 'boom' }] }).find((line) => '_aws' in line);

    expect(run).toMatchObject({ [METRIC.errors]: 1, [METRIC.terminated]: 0, [METRIC.oldestInstanceAgeDays]: 40, [METRIC.instancesPastLifetime]: 1 });
    expect(run).not.toHaveProperty(GROUP_PROPERTY);
  });

  it.each([1, 10, 1_000])('with %s groups creates the same 8 metrics, each with the service dimension alone, and logs every group', (groups) => {
    const lines = publish(fleetOf(groups));

    expect(groupLines(lines)).toHaveLength(groups);
    const metrics = declaredMetrics(lines);
    expect(metrics.size).toBe(ALL_METRIC_NAMES.length);
    expect(metrics.size).toBeLessThanOrEqual(25);
    expect([...metrics].every((metric) => metric.endsWith('{service=instance-reaper}'))).toBe(true);
    expect(new Set(lines.flatMap((line) => (typeof line[GROUP_PROPERTY] === 'string' ? [line[GROUP_PROPERTY]] : []))).size).toBe(groups);
  });

});
