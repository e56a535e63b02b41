import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { RunReport } from '../model/report';
import type { FleetEvaluation } from '../policy/evaluation';
import { fleetFreshness, freshnessFigures, type FreshnessFigures } from './freshness-metrics';
import { GROUP_METRIC, GROUP_PROPERTY, METRIC } from './metric-names';

function addFreshness(metrics: Metrics, figures: FreshnessFigures): void {
  metrics.addMetric(METRIC.oldestInstanceAgeDays, MetricUnit.Count, figures.oldestInstanceAgeDays);
  metrics.addMetric(METRIC.instancesPastLifetime, MetricUnit.Count, figures.instancesPastLifetime);
  metrics.addMetric(METRIC.instancesOnStaleAmi, MetricUnit.Count, figures.instancesOnStaleAmi);
  metrics.addMetric(METRIC.fleetWithinPolicyPercent, MetricUnit.Percent, figures.fleetWithinPolicyPercent);
}

/**
 * The report's counts and the fleet's freshness as CloudWatch EMF, every metric with the `service` dimension
 * alone, so the account pays for the same few metrics whatever its number of groups. One line per group,
 * naming the group as a property (metadata), not a dimension; then the run's line with the account's figures.
 */
export function publishMetrics(metrics: Metrics, report: RunReport, evaluation: FleetEvaluation): void {
  for (const group of evaluation.groups) {
    const figures = freshnessFigures(group.freshness);
    metrics.addMetadata(GROUP_PROPERTY, group.group.name);
    metrics.addMetric(GROUP_METRIC.instances, MetricUnit.Count, group.freshness.instances);
    metrics.addMetric(GROUP_METRIC.oldestInstanceAgeDays, MetricUnit.Count, figures.oldestInstanceAgeDays);
    metrics.addMetric(GROUP_METRIC.instancesPastLifetime, MetricUnit.Count, figures.instancesPastLifetime);
    metrics.addMetric(GROUP_METRIC.instancesOnStaleAmi, MetricUnit.Count, figures.instancesOnStaleAmi);
    metrics.addMetric(GROUP_METRIC.withinPolicyPercent, MetricUnit.Percent, figures.fleetWithinPolicyPercent);
    metrics.publishStoredMetrics();
  }
  metrics.addMetric(METRIC.terminated, MetricUnit.Count, report.terminated.length);
  metrics.addMetric(METRIC.deferred, MetricUnit.Count, report.deferred.length);
  metrics.addMetric(METRIC.unmanaged, MetricUnit.Count, report.unmanaged.length);
  metrics.addMetric(METRIC.errors, MetricUnit.Count, report.errors.length);
  addFreshness(metrics, freshnessFigures(fleetFreshness(evaluation)));
  metrics.publishStoredMetrics();
}
