import type { AutoScalingGroup, Instance, LaunchTemplateSpecification, LifecycleState, WarmPoolConfiguration } from '@aws-sdk/client-auto-scaling';
import { isWeighted, weightOf } from '../group-weights';
import { findTemplate } from '../launch-source';
import type { AccountState, GroupRecord, InstanceRecord, TemplateRef } from '../state';
import { warmPoolOf } from '../warm-pool';
import { subnetOf } from './instance-network';

/** A template reference as AWS echoes it: both ID and name when the template exists, `$Default` when no version was given. */
export function toSpec(state: AccountState, ref: TemplateRef): LaunchTemplateSpecification {
  const template = findTemplate(state, ref);
  return {
    LaunchTemplateId: template?.id ?? ref.id,
    LaunchTemplateName: template?.name ?? ref.name,
    Version: ref.version ?? '$Default',
  };
}

/** A member of a weighted group carries its units as a string, as AWS lists them (weights guide example); others none. */
function weightedCapacity(state: AccountState, instance: InstanceRecord): Pick<Instance, 'WeightedCapacity'> {
  const group = instance.group === undefined ? undefined : state.groups[instance.group];
  return group && isWeighted(group) ? { WeightedCapacity: String(weightOf(group, instance)) } : {};
}

export function toMember(state: AccountState, instance: InstanceRecord): Instance {
  return {
    InstanceId: instance.instanceId,
    InstanceType: instance.instanceType,
    AvailabilityZone: instance.availabilityZone,
    LifecycleState: (instance.lifecycleState ?? 'InService') as LifecycleState,
    HealthStatus: instance.healthStatus ?? 'Healthy',
    ProtectedFromScaleIn: instance.protectedFromScaleIn ?? false,
    ...(instance.launchTemplate ? { LaunchTemplate: toSpec(state, instance.launchTemplate) } : {}),
    ...(instance.launchConfigurationName ? { LaunchConfigurationName: instance.launchConfigurationName } : {}),
    ...weightedCapacity(state, instance),
  };
}

function mixedPolicy(state: AccountState, group: GroupRecord): Pick<AutoScalingGroup, 'MixedInstancesPolicy'> {
  const mixed = group.mixedInstancesPolicy;
  if (!mixed) return {};
  const overrides = mixed.overrides.map((override) => ({
    InstanceType: override.instanceType,
    ...(override.launchTemplate ? { LaunchTemplateSpecification: toSpec(state, override.launchTemplate) } : {}),
    ...(override.weightedCapacity !== undefined ? { WeightedCapacity: override.weightedCapacity } : {}),
  }));
  return { MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: toSpec(state, mixed.launchTemplate), Overrides: overrides } } };
}

export function warmPoolConfiguration(group: GroupRecord): WarmPoolConfiguration | undefined {
  const pool = group.warmPool;
  if (!pool) return undefined;
  return { MinSize: pool.minSize, PoolState: pool.poolState, ...(pool.maxGroupPreparedCapacity !== undefined ? { MaxGroupPreparedCapacity: pool.maxGroupPreparedCapacity } : {}) };
}

function warmPool(state: AccountState, group: GroupRecord): Pick<AutoScalingGroup, 'WarmPoolConfiguration' | 'WarmPoolSize'> {
  const configuration = warmPoolConfiguration(group);
  return configuration ? { WarmPoolConfiguration: configuration, WarmPoolSize: warmPoolOf(state, group.name).length } : {};
}

/** The group metrics a typically configured group collects (EnableMetricsCollection), listed in every answer. */
const GROUP_METRICS = ['GroupMinSize', 'GroupMaxSize', 'GroupDesiredCapacity', 'GroupInServiceInstances', 'GroupPendingInstances', 'GroupTerminatingInstances', 'GroupTotalInstances'];

/** A group with every field the reaper reads, plus the fields AWS returns for a typical group (subnets, collected metrics, ...). */
export function toGroup(state: AccountState, group: GroupRecord, members: readonly InstanceRecord[]): AutoScalingGroup {
  const policy = group.instanceMaintenancePolicy;
  return {
    AutoScalingGroupName: group.name,
    AutoScalingGroupARN: group.arn,
    MinSize: group.minSize,
    MaxSize: group.maxSize,
    DesiredCapacity: group.desiredCapacity,
    // Absent unless the group set it: AWS's weighted example answer has none, so readers default to units.
    ...(group.desiredCapacityType ? { DesiredCapacityType: group.desiredCapacityType } : {}),
    DefaultCooldown: 300,
    AvailabilityZones: group.availabilityZones,
    LoadBalancerNames: group.loadBalancerNames,
    TargetGroupARNs: group.targetGroupArns,
    // What AWS lists as traffic sources: target groups as `elbv2`, Classic Load Balancers as `elb`, VPC Lattice target
    // groups (which have no field of their own) as `vpc-lattice` with the target group's ARN.
    TrafficSources: [
      ...group.targetGroupArns.map((Identifier) => ({ Identifier, Type: 'elbv2' })),
      ...group.loadBalancerNames.map((Identifier) => ({ Identifier, Type: 'elb' })),
      ...group.latticeTargetGroupArns.map((Identifier) => ({ Identifier, Type: 'vpc-lattice' })),
    ],
    HealthCheckType: group.healthCheckType ?? 'EC2',
    HealthCheckGracePeriod: 300,
    ...(group.defaultInstanceWarmup !== undefined ? { DefaultInstanceWarmup: group.defaultInstanceWarmup } : {}),
    CreatedTime: new Date(group.createdTime),
    ...(group.status ? { Status: group.status } : {}),
    SuspendedProcesses: group.suspendedProcesses.map((ProcessName) => ({ ProcessName, SuspensionReason: 'User suspended' })),
    Tags: group.tags.map((tag) => ({ ResourceId: group.name, ResourceType: 'auto-scaling-group', Key: tag.key, Value: tag.value, PropagateAtLaunch: tag.propagateAtLaunch })),
    ...(group.launchTemplate ? { LaunchTemplate: toSpec(state, group.launchTemplate) } : {}),
    ...(group.launchConfigurationName ? { LaunchConfigurationName: group.launchConfigurationName } : {}),
    ...mixedPolicy(state, group),
    ...(policy ? { InstanceMaintenancePolicy: { MinHealthyPercentage: policy.minHealthyPercentage, MaxHealthyPercentage: policy.maxHealthyPercentage } } : {}),
    Instances: members.map((instance) => toMember(state, instance)),
    ...warmPool(state, group),
    VPCZoneIdentifier: group.availabilityZones.map(subnetOf).join(','),
    EnabledMetrics: GROUP_METRICS.map((Metric) => ({ Metric, Granularity: '1Minute' })),
    NewInstancesProtectedFromScaleIn: false,
    TerminationPolicies: ['Default'],
    CapacityRebalance: false,
    AvailabilityZoneDistribution: { CapacityDistributionStrategy: 'balanced-best-effort' },
    ServiceLinkedRoleARN: `arn:aws:iam::${state.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
  };
}
