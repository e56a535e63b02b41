import { paginateDescribeAutoScalingGroups, type AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import type { AwsClients } from '../clients';
import type { GroupSnapshot, RunError } from '../model/fleet';
import { chunk } from '../util/chunk';
import { withOwnStrings } from '../util/own-copy';

export interface RawGroups {
  readonly groups: readonly AutoScalingGroup[];
  readonly errors: readonly RunError[];
}

/**
 * The fields of a group the reaper reads (its snapshot, launch sources, warm pool, surge record), kept as each page
 * arrives: a large account's answers (subnets, collected metrics, each member's zone and template, ...) are not held.
 */
export function readFieldsOf(group: AutoScalingGroup): AutoScalingGroup {
  const mixed = group.MixedInstancesPolicy?.LaunchTemplate;
  // Own copies: the SDK's strings are views into the page's text, which would otherwise stay in memory whole.
  return withOwnStrings({
    AutoScalingGroupName: group.AutoScalingGroupName,
    AutoScalingGroupARN: group.AutoScalingGroupARN,
    MinSize: group.MinSize,
    MaxSize: group.MaxSize,
    DesiredCapacity: group.DesiredCapacity,
    DesiredCapacityType: group.DesiredCapacityType,
    Status: group.Status,
    // Required by the SDK's type, small: kept so the kept group is still an AutoScalingGroup.
    DefaultCooldown: group.DefaultCooldown,
    AvailabilityZones: group.AvailabilityZones,
    HealthCheckType: group.HealthCheckType,
    CreatedTime: group.CreatedTime,
    SuspendedProcesses: group.SuspendedProcesses?.map(({ ProcessName }) => ({ ProcessName })),
    Tags: group.Tags?.map(({ Key, Value }) => ({ Key, Value })),
    Instances: group.Instances?.map(({ InstanceId, AvailabilityZone, LifecycleState, HealthStatus, ProtectedFromScaleIn, InstanceType, WeightedCapacity }) => ({
      InstanceId,
      AvailabilityZone,
      LifecycleState,
      HealthStatus,
      ProtectedFromScaleIn,
      InstanceType,
      WeightedCapacity,
    })),
    TargetGroupARNs: group.TargetGroupARNs,
    LoadBalancerNames: group.LoadBalancerNames,
    TrafficSources: group.TrafficSources?.map(({ Identifier, Type }) => ({ Identifier, Type })),
    InstanceMaintenancePolicy: group.InstanceMaintenancePolicy,
    LaunchTemplate: group.LaunchTemplate,
    MixedInstancesPolicy: mixed ? { LaunchTemplate: { LaunchTemplateSpecification: mixed.LaunchTemplateSpecification, Overrides: mixed.Overrides } } : undefined,
    LaunchConfigurationName: group.LaunchConfigurationName,
    WarmPoolConfiguration: group.WarmPoolConfiguration,
  });
}

/** Every Auto Scaling group (100 a page), or only the named ones; a named group that does not exist is an error. */
export async function readGroups(clients: AwsClients, names?: readonly string[]): Promise<RawGroups> {
  const groups: AutoScalingGroup[] = [];
  const batches = names ? chunk([...new Set(names)], 100) : [undefined];
  for (const batch of batches) {
    const pages = paginateDescribeAutoScalingGroups(
      { client: clients.autoScaling, pageSize: 100 },
      { MaxRecords: 100, ...(batch ? { AutoScalingGroupNames: batch } : {}) },
    );
    for await (const page of pages) groups.push(...(page.AutoScalingGroups ?? []).map(readFieldsOf));
  }
  const found = new Set(groups.map((group) => group.AutoScalingGroupName));
  const errors = (names ?? []).filter((name) => !found.has(name)).map((name): RunError => ({ group: name, code: 'not-found', message: 'Auto Scaling group not found' }));
  return { groups, errors };
}

/**
 * Load balancers attached the classic way and as traffic sources (AttachTrafficSources), without repeats. VPC Lattice
 * target groups are traffic sources only (type `vpc-lattice`, Identifier the target group's ARN).
 */
function attached(listed: readonly string[] | undefined, group: AutoScalingGroup, type: 'elb' | 'elbv2' | 'vpc-lattice'): string[] {
  const sources = (group.TrafficSources ?? []).flatMap((source) => (source.Type === type && source.Identifier ? [source.Identifier] : []));
  return [...new Set([...(listed ?? []), ...sources])];
}

/**
 * A member's capacity units. DescribeAutoScalingGroups gives `WeightedCapacity` as a string for groups that set weights
 * (and for `vcpu` / `memory-mib` groups, its vCPUs or MiB); without it, a member counts as one unit.
 */
function weightOf(weightedCapacity: string | undefined): number {
  const weight = Number(weightedCapacity);
  return weightedCapacity !== undefined && Number.isInteger(weight) && weight >= 1 ? weight : 1;
}

/** The plain-data view of a group; `launchImages` is filled in by the launch image reader. */
export function toGroupSnapshot(group: AutoScalingGroup): GroupSnapshot {
  const maxHealthy = group.InstanceMaintenancePolicy?.MaxHealthyPercentage;
  return {
    name: group.AutoScalingGroupName ?? '',
    arn: group.AutoScalingGroupARN,
    minSize: group.MinSize ?? 0,
    maxSize: group.MaxSize ?? 0,
    desiredCapacity: group.DesiredCapacity ?? 0,
    desiredCapacityType: group.DesiredCapacityType ?? 'units',
    status: group.Status,
    suspendedProcesses: (group.SuspendedProcesses ?? []).flatMap((process) => (process.ProcessName ? [process.ProcessName] : [])),
    tags: Object.fromEntries((group.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])),
    members: (group.Instances ?? []).map((instance) => ({
      instanceId: instance.InstanceId ?? '',
      lifecycleState: instance.LifecycleState ?? '',
      healthStatus: instance.HealthStatus ?? '',
      protectedFromScaleIn: instance.ProtectedFromScaleIn ?? false,
      instanceType: instance.InstanceType,
      weight: weightOf(instance.WeightedCapacity),
    })),
    targetGroupArns: attached(group.TargetGroupARNs, group, 'elbv2'),
    loadBalancerNames: attached(group.LoadBalancerNames, group, 'elb'),
    latticeTargetGroupArns: attached(undefined, group, 'vpc-lattice'),
    maxHealthyPercentage: maxHealthy !== undefined && maxHealthy >= 0 ? maxHealthy : undefined,
  };
}
