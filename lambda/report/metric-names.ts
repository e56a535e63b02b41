/** The CloudWatch names the function publishes under and the dashboard and alarms read: one place for each. */
export const METRICS_NAMESPACE = 'InstanceReaper';

/** The Powertools service name: the `service` dimension of every metric, and the logs' service. */
export const SERVICE_NAME = 'instance-reaper';

/**
 * The property that names the group on its freshness line. A property, never a dimension: a dimension
 * per group would make a custom metric per group and figure, the bulk of the reaper's cost on a large account.
 */
export const GROUP_PROPERTY = 'AutoScalingGroupName';

/** The run's counts and the account's freshness: one metric each, dimension `service` only. */
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

/**
 * Each group's freshness, one EMF line per group naming it in {@link GROUP_PROPERTY}. Also dimension `service`
 * only: every group's line adds a sample to the same five account-wide metrics (the worst group is their
 * Minimum or Maximum, the number of groups `GroupInstances`' SampleCount), and the line itself, with the group
 * name, is what the logs and the dashboard's per-group table read.
 */
export const GROUP_METRIC = {
  instances: 'GroupInstances',
  oldestInstanceAgeDays: 'GroupOldestInstanceAgeDays',
  instancesPastLifetime: 'GroupInstancesPastLifetime',
  instancesOnStaleAmi: 'GroupInstancesOnStaleAmi',
  withinPolicyPercent: 'GroupWithinPolicyPercent',
} as const;

/** Every metric the function can create: the account's custom-metric count whatever the number of groups. */
export const ALL_METRIC_NAMES: readonly string[] = [...Object.values(METRIC), ...Object.values(GROUP_METRIC)];

/** Logs Insights: the latest figures of each group in the queried time range, stalest first. */
export const GROUP_FRESHNESS_QUERY = [
  `filter ispresent(${GROUP_PROPERTY}) and ispresent(${GROUP_METRIC.withinPolicyPercent})`,
  `stats latest(${GROUP_METRIC.oldestInstanceAgeDays}) as oldestDays, latest(${GROUP_METRIC.instancesPastLifetime}) as pastLifetime, ` +
    `latest(${GROUP_METRIC.instancesOnStaleAmi}) as onStaleAmi, latest(${GROUP_METRIC.withinPolicyPercent}) as withinPolicyPercent, ` +
    `latest(${GROUP_METRIC.instances}) as instances by ${GROUP_PROPERTY}`,
  'sort oldestDays desc',
  'limit 50',
] as const;
