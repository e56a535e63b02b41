import { Metrics } from '@aws-lambda-powertools/metrics';
import type { RunReport } from '../../lambda/model/report';
import type { FleetEvaluation } from '../../lambda/policy/evaluation';
import { evaluateFleet } from '../../lambda/policy/evaluate-fleet';
import { ALL_METRIC_NAMES, GROUP_METRIC, GROUP_PROPERTY, METRIC } from '../../lambda/report/metric-names';
import { publishMetrics } from '../../lambda/report/publish-metrics';
import { declaredDimensionNames, declaredMetrics, type LogLine } from '../../bench/emf-metrics';
import { makeFleet, makeImage, makePolicy, NOW } from '../factories';

const REPORT: RunReport = { dryRun: true, scanned: { groups: 0, instances: 0 }, terminated: [], deferred: [], unmanaged: [], errors: [], details: {}, surges: [] };

function publish(evaluation: FleetEvaluation, report: RunReport = REPORT): LogLine[] {
  const metrics = new Metrics({ namespace: 'InstanceReaper', serviceName: 'instance-reaper' });
  const lines: LogLine[] = [];
  jest.spyOn(metrics['console'], 'log').mockImplementation((...args: unknown[]) => lines.push(JSON.parse(String(args[0])) as LogLine));
  publishMetrics(metrics, report, evaluation);
  return lines;
}

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

  it('names each group on its own line as a property, with its figures, and never as a dimension', () => {
    const lines = publish(evaluation);

    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      [GROUP_PROPERTY]: 'web',
      [GROUP_METRIC.instances]: 2,
      [GROUP_METRIC.oldestInstanceAgeDays]: 40,
      [GROUP_METRIC.instancesPastLifetime]: 1,
      [GROUP_METRIC.instancesOnStaleAmi]: 1,
      [GROUP_METRIC.withinPolicyPercent]: 0,
    });
    expect(lines[1]).toMatchObject({ [GROUP_PROPERTY]: 'api', [GROUP_METRIC.instances]: 1, [GROUP_METRIC.oldestInstanceAgeDays]: 2, [GROUP_METRIC.withinPolicyPercent]: 100 });
    expect(declaredDimensionNames(lines)).toEqual(new Set(['service']));
  });

  it('puts the run counts and the account freshness on the last line, which names no group', () => {
    const run = publish(evaluation, { ...REPORT, errors: [{ group: 'web', message: 'boom' }] }).at(-1);

    expect(run).toMatchObject({ [METRIC.errors]: 1, [METRIC.terminated]: 0, [METRIC.oldestInstanceAgeDays]: 40, [METRIC.instancesPastLifetime]: 1 });
    expect(run).not.toHaveProperty(GROUP_PROPERTY);
  });

  it.each([1, 10, 1_000])('with %s groups creates the same 13 metrics, each with the service dimension alone', (groups) => {
    const lines = publish(fleetOf(groups));

    expect(lines).toHaveLength(groups + 1);
    const metrics = declaredMetrics(lines);
    expect(metrics.size).toBe(ALL_METRIC_NAMES.length);
    expect(metrics.size).toBeLessThanOrEqual(25);
    expect([...metrics].every((metric) => metric.endsWith('{service=instance-reaper}'))).toBe(true);
    expect(new Set(lines.flatMap((line) => (typeof line[GROUP_PROPERTY] === 'string' ? [line[GROUP_PROPERTY]] : []))).size).toBe(groups);
  });

});
