import { membersOf } from './group-members';
import { firstLaunch } from './instances';
import { launchSpec } from './launch-source';
import type { AccountState, Ec2State, GroupRecord, InstanceRecord } from './state';

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
}

export interface GroupView {
  readonly name: string;
  readonly arn: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
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
}

export function instanceView(instance: InstanceRecord): InstanceView {
  return { ...structuredClone(instance), firstLaunch: firstLaunch(instance) };
}

function memberView(instance: InstanceRecord): MemberView {
  return {
    instanceId: instance.instanceId,
    lifecycleState: instance.lifecycleState ?? '',
    healthStatus: instance.healthStatus ?? '',
    protectedFromScaleIn: instance.protectedFromScaleIn ?? false,
    imageId: instance.imageId,
    instanceType: instance.instanceType,
    state: instance.state,
    launchTime: instance.launchTime,
  };
}

export function groupView(state: AccountState, group: GroupRecord): GroupView {
  const members = membersOf(state, group.name).map(memberView);
  const launchImageId = launchSpec(state, group)?.imageId;
  return {
    name: group.name,
    arn: group.arn,
    minSize: group.minSize,
    maxSize: group.maxSize,
    desiredCapacity: group.desiredCapacity,
    ...(group.status ? { status: group.status } : {}),
    suspendedProcesses: [...group.suspendedProcesses],
    tags: Object.fromEntries(group.tags.map((tag) => [tag.key, tag.value])),
    targetGroupArns: [...group.targetGroupArns],
    ...(launchImageId ? { launchImageId } : {}),
    members,
    inService: members.filter((member) => member.lifecycleState === 'InService' && member.healthStatus === 'Healthy').map((member) => member.instanceId),
  };
}
