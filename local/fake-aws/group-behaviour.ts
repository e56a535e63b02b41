import { validationError } from './protocol/aws-error';
import { countsTowardCapacity, isWarm, membersOf } from './group-members';
import { createInstance, firstLaunch } from './instances';
import { launchSpec } from './launch-source';
import type { AccountState, GroupRecord, InstanceRecord } from './state';
import { setTargetState } from './target-groups';
import type { World } from './world';

/*
 * How groups act on their own: termination with or without replacement, capacity changes and
 * reconciliation. Scale-in picks unprotected instances not on the AMI the group launches now
 * first, then the oldest by first launch (AWS's default policy is similar: oldest launch
 * template or configuration first, then by zone balance and billing hour, which the fake ignores).
 */

export function requireGroup(state: AccountState, name: string): GroupRecord {
  const group = state.groups[name];
  if (!group) throw validationError(`AutoScalingGroup name not found - AutoScalingGroup '${name}' not found`);
  return group;
}

export const isSuspended = (group: GroupRecord, process: string): boolean => group.suspendedProcesses.includes(process);

/** Launches one Pending instance from what the group launches now; none when its source cannot be resolved. */
export function launchInto(world: World, group: GroupRecord, instanceType?: string): InstanceRecord | undefined {
  const spec = launchSpec(world.state, group, instanceType);
  if (!spec) return undefined;
  return createInstance(world, { ...spec, group, lifecycleState: 'Pending', healthStatus: 'Healthy' });
}

export function beginTermination(world: World, instance: InstanceRecord): void {
  instance.lifecycleState = 'Terminating';
  const group = instance.group ? world.state.groups[instance.group] : undefined;
  if (group) setTargetState(world.state, group.targetGroupArns, instance.instanceId, 'draining');
}

function pickForScaleIn(world: World, group: GroupRecord, counted: readonly InstanceRecord[], count: number): InstanceRecord[] {
  const stale = (instance: InstanceRecord) => (launchSpec(world.state, group, instance.instanceType)?.imageId === instance.imageId ? 1 : 0);
  return counted
    .filter((instance) => !instance.protectedFromScaleIn)
    .sort((a, b) => stale(a) - stale(b) || firstLaunch(a) - firstLaunch(b))
    .slice(0, count);
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
    const instanceType = overrides[(counted.length + index) % Math.max(overrides.length, 1)]?.instanceType;
    const launched = launchInto(world, group, instanceType);
    if (launched) touched.launched.push(launched.instanceId);
  }
  if (shortBy < 0 && !isSuspended(group, 'Terminate')) {
    for (const instance of pickForScaleIn(world, group, counted, -shortBy)) {
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
  const counted = countsTowardCapacity(instance);
  beginTermination(world, instance);
  if (decrement || !counted || isSuspended(group, 'Launch')) return { group };
  const replacement = launchInto(world, group, instance.instanceType);
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
