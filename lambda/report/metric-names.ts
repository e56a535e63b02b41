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

/** The log line that carries one group's freshness (one per group and run): a log line, not a metric, so it costs no custom metric. */
export const GROUP_FRESHNESS_MESSAGE = 'group freshness';

/** The figures on a group's freshness line. */
export const GROUP_FIGURE = {
  instances: 'instances',
  oldestInstanceAgeDays: 'oldestInstanceAgeDays',
  instancesPastLifetime: 'instancesPastLifetime',
  instancesOnStaleAmi: 'instancesOnStaleAmi',
  withinPolicyPercent: 'withinPolicyPercent',
} as const;

/** Every metric the function can create: the account's custom-metric count whatever the number of groups. */
export const ALL_METRIC_NAMES: readonly string[] = Object.values(METRIC);

/** Logs Insights: the latest figures of each group in the queried time range, stalest first. */
export const GROUP_FRESHNESS_QUERY = [
  `filter message = "${GROUP_FRESHNESS_MESSAGE}"`,
  `stats latest(${GROUP_FIGURE.oldestInstanceAgeDays}) as oldestDays, latest(${GROUP_FIGURE.instancesPastLifetime}) as pastLifetime, ` +
    `latest(${GROUP_FIGURE.instancesOnStaleAmi}) as onStaleAmi, latest(${GROUP_FIGURE.withinPolicyPercent}) as withinPolicyPercent, ` +
    `latest(${GROUP_FIGURE.instances}) as instances by ${GROUP_PROPERTY}`,
  'sort oldestDays desc',
  'limit 50',
] as const;
