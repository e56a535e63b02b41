import type { AutoScalingGroup, Instance, LaunchTemplateSpecification, LifecycleState } from '@aws-sdk/client-auto-scaling';
import { findTemplate } from '../launch-source';
import type { AccountState, GroupRecord, InstanceRecord, TemplateRef } from '../state';

/** A template reference as AWS echoes it: both ID and name when the template exists, `$Default` when no version was given. */
export function toSpec(state: AccountState, ref: TemplateRef): LaunchTemplateSpecification {
  const template = findTemplate(state, ref);
  return {
    LaunchTemplateId: template?.id ?? ref.id,
    LaunchTemplateName: template?.name ?? ref.name,
    Version: ref.version ?? '$Default',
  };
}

function toMember(state: AccountState, instance: InstanceRecord): Instance {
  return {
    InstanceId: instance.instanceId,
    InstanceType: instance.instanceType,
    AvailabilityZone: instance.availabilityZone,
    LifecycleState: (instance.lifecycleState ?? 'InService') as LifecycleState,
    HealthStatus: instance.healthStatus ?? 'Healthy',
    ProtectedFromScaleIn: instance.protectedFromScaleIn ?? false,
    ...(instance.launchTemplate ? { LaunchTemplate: toSpec(state, instance.launchTemplate) } : {}),
    ...(instance.launchConfigurationName ? { LaunchConfigurationName: instance.launchConfigurationName } : {}),
  };
}

function mixedPolicy(state: AccountState, group: GroupRecord): Pick<AutoScalingGroup, 'MixedInstancesPolicy'> {
  const mixed = group.mixedInstancesPolicy;
  if (!mixed) return {};
  const overrides = mixed.overrides.map((override) => ({
    InstanceType: override.instanceType,
    ...(override.launchTemplate ? { LaunchTemplateSpecification: toSpec(state, override.launchTemplate) } : {}),
  }));
  return { MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: toSpec(state, mixed.launchTemplate), Overrides: overrides } } };
}

/** A group with every field the reaper reads, plus the usual constants AWS always returns. */
export function toGroup(state: AccountState, group: GroupRecord, members: readonly InstanceRecord[]): AutoScalingGroup {
  const policy = group.instanceMaintenancePolicy;
  return {
    AutoScalingGroupName: group.name,
    AutoScalingGroupARN: group.arn,
    MinSize: group.minSize,
    MaxSize: group.maxSize,
    DesiredCapacity: group.desiredCapacity,
    DefaultCooldown: 300,
    AvailabilityZones: group.availabilityZones,
    LoadBalancerNames: [],
    TargetGroupARNs: group.targetGroupArns,
    HealthCheckType: 'EC2',
    HealthCheckGracePeriod: 300,
    CreatedTime: new Date(group.createdTime),
    ...(group.status ? { Status: group.status } : {}),
    SuspendedProcesses: group.suspendedProcesses.map((ProcessName) => ({ ProcessName, SuspensionReason: 'User suspended' })),
    Tags: group.tags.map((tag) => ({ ResourceId: group.name, ResourceType: 'auto-scaling-group', Key: tag.key, Value: tag.value, PropagateAtLaunch: tag.propagateAtLaunch })),
    ...(group.launchTemplate ? { LaunchTemplate: toSpec(state, group.launchTemplate) } : {}),
    ...(group.launchConfigurationName ? { LaunchConfigurationName: group.launchConfigurationName } : {}),
    ...mixedPolicy(state, group),
    ...(policy ? { InstanceMaintenancePolicy: { MinHealthyPercentage: policy.minHealthyPercentage, MaxHealthyPercentage: policy.maxHealthyPercentage } } : {}),
    Instances: members.map((instance) => toMember(state, instance)),
    NewInstancesProtectedFromScaleIn: false,
    TerminationPolicies: ['Default'],
    ServiceLinkedRoleARN: `arn:aws:iam::${state.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
  };
}
