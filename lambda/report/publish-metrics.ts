import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { RunReport } from '../model/report';
import type { FleetEvaluation } from '../policy/evaluation';
import { fleetFreshness, freshnessFigures, type FreshnessFigures } from './freshness-metrics';

function addFreshness(metrics: Metrics, figures: FreshnessFigures): void {
  metrics.addMetric('OldestInstanceAgeDays', MetricUnit.Count, figures.oldestInstanceAgeDays);
  metrics.addMetric('InstancesPastLifetime', MetricUnit.Count, figures.instancesPastLifetime);
  metrics.addMetric('InstancesOnStaleAmi', MetricUnit.Count, figures.instancesOnStaleAmi);
  metrics.addMetric('FleetWithinPolicyPercent', MetricUnit.Percent, figures.fleetWithinPolicyPercent);
}

/**
 * The report's counts and the fleet's freshness, account-wide and per group, as CloudWatch EMF metrics:
 * one line per group (a flush clears the group dimension, so each group is flushed on its own), then the run's.
 */
export function publishMetrics(metrics: Metrics, report: RunReport, evaluation: FleetEvaluation): void {
  for (const group of evaluation.groups) {
    metrics.addDimension('AutoScalingGroupName', group.group.name);
    addFreshness(metrics, freshnessFigures(group.freshness));
    metrics.publishStoredMetrics();
  }
  metrics.addMetric('Terminated', MetricUnit.Count, report.terminated.length);
  metrics.addMetric('Deferred', MetricUnit.Count, report.deferred.length);
  metrics.addMetric('Unmanaged', MetricUnit.Count, report.unmanaged.length);
  metrics.addMetric('Errors', MetricUnit.Count, report.errors.length);
  addFreshness(metrics, freshnessFigures(fleetFreshness(evaluation)));
  metrics.publishStoredMetrics();
}
