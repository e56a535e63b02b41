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

/** The report's counts and the fleet's freshness, account-wide and per group, as CloudWatch EMF metrics. */
export function publishMetrics(metrics: Metrics, report: RunReport, evaluation: FleetEvaluation): void {
  metrics.addMetric('Terminated', MetricUnit.Count, report.terminated.length);
  metrics.addMetric('Deferred', MetricUnit.Count, report.deferred.length);
  metrics.addMetric('Unmanaged', MetricUnit.Count, report.unmanaged.length);
  metrics.addMetric('Errors', MetricUnit.Count, report.errors.length);
  addFreshness(metrics, freshnessFigures(fleetFreshness(evaluation)));
  for (const group of evaluation.groups) {
    const single = metrics.singleMetric();
    single.addDimension('AutoScalingGroupName', group.group.name);
    addFreshness(single, freshnessFigures(group.freshness));
    single.publishStoredMetrics();
  }
  metrics.publishStoredMetrics();
}
