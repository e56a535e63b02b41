import { countsTowardCapacity, membersOf } from './group-members';
import { unitsOf, weightOf } from './group-weights';
import { firstLaunch } from './instances';
import { launchSpec } from './launch-source';
import type { AccountState, DesiredCapacityType, Ec2State, GroupRecord, InstanceRecord } from './state';

/** A copy of an instance for assertions; `firstLaunch` is the earliest of launch and attach times. */
export type InstanceView = Readonly<InstanceRecord> & { readonly firstLaunch: number };

export interface MemberView {
  readonly instanceId: string;
  readonly lifecycleState: string;
  readonly healthStatus: string;
  readonly protectedFromScaleIn: boolean;
  readonly imageId: string;
  readonly instanceType: string;
  readonly state: Ec2State;
  readonly launchTime: number;
  /** Capacity units it counts for: 1 unless the group sets weights. */
  readonly weight: number;
}

export interface GroupView {
  readonly name: string;
  readonly arn: string;
  readonly minSize: number;
  readonly maxSize: number;
  /** In units when the group sets weights. */
  readonly desiredCapacity: number;
  /** As the group set it (absent unless set, as on AWS). */
  readonly desiredCapacityType?: DesiredCapacityType;
  readonly status?: string;
  readonly suspendedProcesses: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly targetGroupArns: readonly string[];
  /** The AMI the group launches now (undefined when its source cannot be resolved). */
  readonly launchImageId?: string;
  /** Listed members (warm pool excluded), terminating ones included. */
  readonly members: readonly MemberView[];
  /** IDs of members InService and Healthy. */
  readonly inService: readonly string[];
  /** Units of the members filling capacity (Pending or InService). */
  readonly capacityUnits: number;
  /** Units of the members InService and Healthy. */
  readonly servingUnits: number;
}

export function instanceView(instance: InstanceRecord): InstanceView {
  return { ...structuredClone(instance), firstLaunch: firstLaunch(instance) };
}

function memberView(group: GroupRecord, instance: InstanceRecord): MemberView {
  return {
    instanceId: instance.instanceId,
    lifecycleState: instance.lifecycleState ?? '',
    healthStatus: instance.healthStatus ?? '',
    protectedFromScaleIn: instance.protectedFromScaleIn ?? false,
    imageId: instance.imageId,
    instanceType: instance.instanceType,
    state: instance.state,
    launchTime: instance.launchTime,
    weight: weightOf(group, instance),
  };
}

export function groupView(state: AccountState, group: GroupRecord): GroupView {
  const records = membersOf(state, group.name);
  const members = records.map((instance) => memberView(group, instance));
  const inService = members.filter((member) => member.lifecycleState === 'InService' && member.healthStatus === 'Healthy');
  const launchImageId = launchSpec(state, group)?.imageId;
  return {
    name: group.name,
    arn: group.arn,
    minSize: group.minSize,
    maxSize: group.maxSize,
    desiredCapacity: group.desiredCapacity,
    ...(group.desiredCapacityType ? { desiredCapacityType: group.desiredCapacityType } : {}),
    ...(group.status ? { status: group.status } : {}),
    suspendedProcesses: [...group.suspendedProcesses],
    tags: Object.fromEntries(group.tags.map((tag) => [tag.key, tag.value])),
    targetGroupArns: [...group.targetGroupArns],
    ...(launchImageId ? { launchImageId } : {}),
    members,
    inService: inService.map((member) => member.instanceId),
    capacityUnits: unitsOf(group, records.filter(countsTowardCapacity)),
    servingUnits: inService.reduce((sum, member) => sum + member.weight, 0),
  };
}
