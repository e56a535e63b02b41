import { weightForNewMember } from './group-weights';
import type { Ec2State, GroupRecord, InstanceRecord, TemplateRef } from './state';
import { nextId, type World } from './world';
import { ensureZone } from './zones';

export interface NewInstance {
  readonly instanceId?: string;
  readonly imageId: string;
  readonly instanceType?: string;
  readonly availabilityZone?: string;
  readonly state?: Ec2State;
  readonly launchTime?: number;
  readonly eniAttachTime?: number;
  readonly rootVolumeAttachTime?: number;
  readonly tags?: Readonly<Record<string, string>>;
  readonly group?: GroupRecord;
  readonly lifecycleState?: string;
  readonly healthStatus?: string;
  readonly protectedFromScaleIn?: boolean;
  readonly launchTemplate?: TemplateRef;
  readonly launchConfigurationName?: string;
  /** Units for a member of a weighted group whose type the group does not weigh (default: its type's weight). */
  readonly weightedCapacity?: number;
}

/** The EC2 state that goes with an Auto Scaling lifecycle state: only Pending is still booting, warm pools may be stopped. */
function ec2StateFor(lifecycleState: string | undefined): Ec2State {
  if (lifecycleState === 'Pending') return 'pending';
  if (lifecycleState?.startsWith('Warmed:Stopped') || lifecycleState?.startsWith('Warmed:Hibernated')) return 'stopped';
  return 'running';
}

/** Group members carry the group's name tag and its propagated tags, as AWS adds them at launch. */
function launchTags(group: GroupRecord | undefined): Record<string, string> {
  if (!group) return {};
  const tags: Record<string, string> = {};
  for (const tag of group.tags) if (tag.propagateAtLaunch) tags[tag.key] = tag.value;
  return { ...tags, 'aws:autoscaling:groupName': group.name };
}

/** Seeded instances without a zone: taken in turn by ID number, in O(1) even for large fleets (launches balance by count, zones.ts). */
function zoneFor(world: World, group: GroupRecord | undefined, instanceId: string): string {
  const zones = group?.availabilityZones ?? [];
  return zones[Number.parseInt(instanceId.slice(2), 16) % Math.max(zones.length, 1)] ?? `${world.state.region}a`;
}

/** Adds an instance to EC2 (and to its group when given); times default to now. */
export function createInstance(world: World, spec: NewInstance): InstanceRecord {
  const launchTime = spec.launchTime ?? world.now();
  const lifecycleState = spec.group ? (spec.lifecycleState ?? 'InService') : undefined;
  const instanceType = spec.instanceType ?? 't3.micro';
  const weightedCapacity = spec.group ? weightForNewMember(spec.group, instanceType, spec.weightedCapacity) : undefined;
  const instanceId = spec.instanceId ?? nextId(world.state, 'i');
  const instance: InstanceRecord = {
    instanceId,
    imageId: spec.imageId,
    instanceType,
    availabilityZone: spec.availabilityZone ?? zoneFor(world, spec.group, instanceId),
    state: spec.state ?? ec2StateFor(lifecycleState),
    launchTime,
    eniAttachTime: spec.eniAttachTime ?? launchTime,
    rootVolumeAttachTime: spec.rootVolumeAttachTime ?? launchTime,
    tags: { ...launchTags(spec.group), ...spec.tags },
  };
  if (spec.group) {
    Object.assign(instance, {
      group: spec.group.name,
      lifecycleState,
      healthStatus: spec.healthStatus ?? 'Healthy',
      protectedFromScaleIn: spec.protectedFromScaleIn ?? false,
      ...(spec.launchTemplate ? { launchTemplate: spec.launchTemplate } : {}),
      ...(spec.launchConfigurationName ? { launchConfigurationName: spec.launchConfigurationName } : {}),
      ...(weightedCapacity !== undefined ? { weightedCapacity } : {}),
    });
  }
  ensureZone(world.state, instance.availabilityZone);
  world.state.instances[instance.instanceId] = instance;
  return instance;
}

/** Age as the reaper counts it: the earliest first-launch witness. */
export const firstLaunch = (instance: InstanceRecord): number => Math.min(instance.launchTime, instance.eniAttachTime, instance.rootVolumeAttachTime);
