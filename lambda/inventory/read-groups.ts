import {
  DescribeAutoScalingGroups$,
  DescribeAutoScalingGroupsCommand,
  type AutoScalingGroup,
  type AutoScalingGroupsType,
  type DescribeAutoScalingGroupsCommandInput,
} from '@aws-sdk/client-auto-scaling';
import type { AwsClients } from '../clients';
import type { GroupSnapshot, RunError } from '../model/fleet';
import { chunk } from '../util/chunk';
import { Interned } from '../util/interned';
import { withOwnStrings } from '../util/own-copy';
import { keepOnly, type Keep } from './schema-page-reader';
import { sendKeeping, type KeptAnswer } from './send-keeping';

export interface RawGroups {
  readonly groups: readonly AutoScalingGroup[];
  readonly errors: readonly RunError[];
}

/**
 * The fields of a group the reaper reads (its snapshot, launch sources, warm pool, surge record), kept as each page
 * arrives: a large account's answers (subnets, collected metrics, each member's zone and template, ...) are not held.
 */
export const GROUP_FIELDS = {
  AutoScalingGroupName: true,
  AutoScalingGroupARN: true,
  MinSize: true,
  MaxSize: true,
  DesiredCapacity: true,
  DesiredCapacityType: true,
  Status: true,
  // Required by the SDK's type, small: kept so the kept group is still an AutoScalingGroup.
  DefaultCooldown: true,
  AvailabilityZones: true,
  HealthCheckType: true,
  CreatedTime: true,
  SuspendedProcesses: { ProcessName: true },
  Tags: { Key: true, Value: true },
  Instances: { InstanceId: true, AvailabilityZone: true, LifecycleState: true, HealthStatus: true, ProtectedFromScaleIn: true, InstanceType: true, WeightedCapacity: true },
  TargetGroupARNs: true,
  LoadBalancerNames: true,
  TrafficSources: { Identifier: true, Type: true },
  InstanceMaintenancePolicy: true,
  DefaultInstanceWarmup: true,
  LaunchTemplate: true,
  MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: true, Overrides: true } },
  LaunchConfigurationName: true,
  WarmPoolConfiguration: true,
} as const satisfies Keep;

/** `GROUP_FIELDS` of a group the SDK parsed (a stubbed client's answer), as the raw reading keeps them. */
export function readFieldsOf(group: AutoScalingGroup): AutoScalingGroup {
  // Own copies: the SDK's strings are views into the page's text, which would otherwise stay in memory whole.
  return withOwnStrings(keepOnly(group, GROUP_FIELDS));
}

const PAGE: KeptAnswer = { operation: DescribeAutoScalingGroups$, protocol: 'awsQuery', keep: { AutoScalingGroups: GROUP_FIELDS, NextToken: true } };

/** One page of groups, 100 at most, read as it arrives into the fields the reaper reads. */
function readPage(clients: AwsClients, input: DescribeAutoScalingGroupsCommandInput, interned: Interned): Promise<AutoScalingGroupsType> {
  const command = new DescribeAutoScalingGroupsCommand(input);
  return sendKeeping(command, () => clients.autoScaling.send(command), PAGE, interned);
}

/**
 * Every Auto Scaling group (100 a page), or only the named ones; a named group that does not exist is an error.
 * `onPage` sees each page as it is read, so a caller can start what depends only on the account's size.
 */
export async function readGroups(clients: AwsClients, names?: readonly string[], onPage?: (page: AutoScalingGroupsType) => void): Promise<RawGroups> {
  const groups: AutoScalingGroup[] = [];
  const interned = new Interned();
  const batches = names ? chunk([...new Set(names)], 100) : [undefined];
  for (const batch of batches) {
    let nextToken: string | undefined;
    do {
      const page = await readPage(clients, { MaxRecords: 100, ...(batch ? { AutoScalingGroupNames: batch } : {}), ...(nextToken ? { NextToken: nextToken } : {}) }, interned);
      groups.push(...(page.AutoScalingGroups ?? []));
      onPage?.(page);
      nextToken = page.NextToken || undefined;
    } while (nextToken);
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
  // -1 is how a warmup once set is cleared (UpdateAutoScalingGroup): not set.
  const warmup = group.DefaultInstanceWarmup;
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
    defaultInstanceWarmup: warmup !== undefined && warmup >= 0 ? warmup : undefined,
  };
}
