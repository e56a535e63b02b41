import { validationError } from './protocol/aws-error';
import { countsTowardCapacity, isWarm, membersOf } from './group-members';
import { createInstance } from './instances';
import { launchSpec } from './launch-source';
import type { AccountState, GroupRecord, InstanceRecord } from './state';
import { setTargetState } from './target-groups';
import { chooseForScaleIn } from './termination-policy';
import type { World } from './world';
import { leastPopulatedZone } from './zones';

/*
 * How groups act on their own: termination with or without replacement, capacity changes and
 * reconciliation. Launches go to the zone with the fewest instances; scale-in chooses its victims
 * by AWS's Default termination policy (termination-policy.ts), never by what the caller wanted.
 */

export function requireGroup(state: AccountState, name: string): GroupRecord {
  const group = state.groups[name];
  if (!group) throw validationError(`AutoScalingGroup name not found - AutoScalingGroup '${name}' not found`);
  return group;
}

export const isSuspended = (group: GroupRecord, process: string): boolean => group.suspendedProcesses.includes(process);

/**
 * Launches one Pending instance from what the group launches now, in its least populated zone
 * (`counted`: the members filling capacity); none when its source cannot be resolved.
 */
export function launchInto(world: World, group: GroupRecord, counted: readonly InstanceRecord[], instanceType?: string): InstanceRecord | undefined {
  const spec = launchSpec(world.state, group, instanceType);
  if (!spec) return undefined;
  const availabilityZone = leastPopulatedZone(group, counted, `${world.state.region}a`);
  return createInstance(world, { ...spec, group, availabilityZone, lifecycleState: 'Pending', healthStatus: 'Healthy' });
}

export function beginTermination(world: World, instance: InstanceRecord): void {
  instance.lifecycleState = 'Terminating';
  const group = instance.group ? world.state.groups[instance.group] : undefined;
  if (group) setTargetState(world.state, group.targetGroupArns, instance.instanceId, 'draining');
}

/** Brings the group to its desired capacity now: launches Pending or starts terminating, unless suspended. Returns the IDs touched. */
export function reconcile(world: World, group: GroupRecord, members = membersOf(world.state, group.name)): { launched: string[]; terminating: string[] } {
  const touched = { launched: [] as string[], terminating: [] as string[] };
  if (group.status === 'Delete in progress') return touched;
  const counted = members.filter(countsTowardCapacity);
  const shortBy = group.desiredCapacity - counted.length;
  const overrides = group.mixedInstancesPolicy?.overrides ?? [];
  for (let index = 0; index < shortBy && !isSuspended(group, 'Launch'); index += 1) {
    // Mixed groups spread launches over their override types.
    const instanceType = overrides[counted.length % Math.max(overrides.length, 1)]?.instanceType;
    const launched = launchInto(world, group, counted, instanceType);
    if (launched) {
      touched.launched.push(launched.instanceId);
      counted.push(launched);
    }
  }
  if (shortBy < 0 && !isSuspended(group, 'Terminate')) {
    for (const instance of chooseForScaleIn(world.state, group, counted, -shortBy)) {
      beginTermination(world, instance);
      touched.terminating.push(instance.instanceId);
    }
  }
  return touched;
}

/** TerminateInstanceInAutoScalingGroup: Terminating at once; without decrement a replacement launches Pending at once. */
export function terminateInGroup(world: World, instanceId: string, decrement: boolean): { group: GroupRecord; replacement?: InstanceRecord } {
  const instance = world.state.instances[instanceId];
  const group = instance?.group ? world.state.groups[instance.group] : undefined;
  if (!instance || !group || isWarm(instance)) throw validationError(`Instance Id not found - No managed instance found for instance ID: ${instanceId}`);
  if (instance.lifecycleState?.startsWith('Terminating')) return { group };
  if (decrement) {
    if (group.desiredCapacity - 1 < group.minSize) {
      throw validationError(
        `Currently, desiredSize equals minSize (${group.minSize}). Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.`,
      );
    }
    group.desiredCapacity -= 1;
  }
  const filledCapacity = countsTowardCapacity(instance);
  beginTermination(world, instance);
  if (decrement || !filledCapacity || isSuspended(group, 'Launch')) return { group };
  const counted = membersOf(world.state, group.name).filter(countsTowardCapacity);
  const replacement = launchInto(world, group, counted, instance.instanceType);
  return replacement ? { group, replacement } : { group };
}

/** SetDesiredCapacity: validated against Min/Max like AWS, then acted on at once. */
export function setDesiredCapacity(world: World, groupName: string, desired: number): void {
  const group = requireGroup(world.state, groupName);
  if (desired > group.maxSize) throw validationError(`New SetDesiredCapacity value ${desired} is above max value ${group.maxSize} for the AutoScalingGroup.`);
  if (desired < group.minSize) throw validationError(`New SetDesiredCapacity value ${desired} is below min value ${group.minSize} for the AutoScalingGroup.`);
  group.desiredCapacity = desired;
  reconcile(world, group);
}
