import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { RunReport } from '../model/report';
import type { FleetEvaluation } from '../policy/evaluation';
import { fleetFreshness, freshnessFigures, type FreshnessFigures } from './freshness-metrics';
import { GROUP_DIMENSION, METRIC } from './metric-names';

function addFreshness(metrics: Metrics, figures: FreshnessFigures): void {
  metrics.addMetric(METRIC.oldestInstanceAgeDays, MetricUnit.Count, figures.oldestInstanceAgeDays);
  metrics.addMetric(METRIC.instancesPastLifetime, MetricUnit.Count, figures.instancesPastLifetime);
  metrics.addMetric(METRIC.instancesOnStaleAmi, MetricUnit.Count, figures.instancesOnStaleAmi);
  metrics.addMetric(METRIC.fleetWithinPolicyPercent, MetricUnit.Percent, figures.fleetWithinPolicyPercent);
}

/**
 * The report's counts and the fleet's freshness, account-wide and per group, as CloudWatch EMF metrics:
 * one line per group (a flush clears the group dimension, so each group is flushed on its own), then the run's.
 */
export function publishMetrics(metrics: Metrics, report: RunReport, evaluation: FleetEvaluation): void {
  for (const group of evaluation.groups) {
    metrics.addDimension(GROUP_DIMENSION, group.group.name);
    addFreshness(metrics, freshnessFigures(group.freshness));
    metrics.publishStoredMetrics();
  }
  metrics.addMetric(METRIC.terminated, MetricUnit.Count, report.terminated.length);
  metrics.addMetric(METRIC.deferred, MetricUnit.Count, report.deferred.length);
  metrics.addMetric(METRIC.unmanaged, MetricUnit.Count, report.unmanaged.length);
  metrics.addMetric(METRIC.errors, MetricUnit.Count, report.errors.length);
  addFreshness(metrics, freshnessFigures(fleetFreshness(evaluation)));
  metrics.publishStoredMetrics();
}
