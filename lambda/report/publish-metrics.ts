import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { RunReport } from '../model/report';
import type { FleetEvaluation } from '../policy/evaluation';
import { fleetFreshness, freshnessFigures, type FreshnessFigures } from './freshness-metrics';
import { terminationCount } from './surge-removals';
import { GROUP_FIGURE, GROUP_FRESHNESS_MESSAGE, GROUP_PROPERTY, METRIC } from './metric-names';

function addFreshness(metrics: Metrics, figures: FreshnessFigures): void {
  metrics.addMetric(METRIC.oldestInstanceAgeDays, MetricUnit.Count, figures.oldestInstanceAgeDays);
  metrics.addMetric(METRIC.instancesPastLifetime, MetricUnit.Count, figures.instancesPastLifetime);
  metrics.addMetric(METRIC.instancesOnStaleAmi, MetricUnit.Count, figures.instancesOnStaleAmi);
  metrics.addMetric(METRIC.fleetWithinPolicyPercent, MetricUnit.Percent, figures.fleetWithinPolicyPercent);
}

/**
 * The report's counts and the account's freshness as CloudWatch EMF, every metric with the `service` dimension
 * alone, so the account pays for the same few metrics whatever its number of groups.
 */
export function publishMetrics(metrics: Metrics, report: RunReport, evaluation: FleetEvaluation): void {
  metrics.addMetric(METRIC.terminated, MetricUnit.Count, terminationCount(report));
  metrics.addMetric(METRIC.deferred, MetricUnit.Count, report.deferred.length);
  metrics.addMetric(METRIC.unmanaged, MetricUnit.Count, report.unmanaged.length);
  metrics.addMetric(METRIC.errors, MetricUnit.Count, report.errors.length);
  addFreshness(metrics, freshnessFigures(fleetFreshness(evaluation)));
  metrics.publishStoredMetrics();
}

/** Each group's freshness on a log line of its own, naming the group: what the dashboard's per-group table queries. */
export function logGroupFreshness(logger: Logger, evaluation: FleetEvaluation): void {
  for (const group of evaluation.groups) {
    const figures = freshnessFigures(group.freshness);
    logger.info(GROUP_FRESHNESS_MESSAGE, {
      [GROUP_PROPERTY]: group.group.name,
      [GROUP_FIGURE.instances]: group.freshness.instances,
      [GROUP_FIGURE.oldestInstanceAgeDays]: figures.oldestInstanceAgeDays,
      [GROUP_FIGURE.instancesPastLifetime]: figures.instancesPastLifetime,
      [GROUP_FIGURE.instancesOnStaleAmi]: figures.instancesOnStaleAmi,
      [GROUP_FIGURE.withinPolicyPercent]: figures.fleetWithinPolicyPercent,
    });
  }
}
