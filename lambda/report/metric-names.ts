/** The CloudWatch names the function publishes under and the dashboard and alarms read: one place for each. */
export const METRICS_NAMESPACE = 'InstanceReaper';

/** The Powertools service name: the `service` dimension of every metric, and the logs' service. */
export const SERVICE_NAME = 'instance-reaper';

/** The dimension per-group freshness is published with. */
export const GROUP_DIMENSION = 'AutoScalingGroupName';

export const METRIC = {
  terminated: 'Terminated',
  deferred: 'Deferred',
  unmanaged: 'Unmanaged',
  errors: 'Errors',
  oldestInstanceAgeDays: 'OldestInstanceAgeDays',
  instancesPastLifetime: 'InstancesPastLifetime',
  instancesOnStaleAmi: 'InstancesOnStaleAmi',
  fleetWithinPolicyPercent: 'FleetWithinPolicyPercent',
} as const;
