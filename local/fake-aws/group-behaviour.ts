import { awsTime, causes, launchCause, scaleInCause, startTermination } from './activities';
import { validationError } from './protocol/aws-error';
import { countsTowardCapacity, isWarm, membersOf } from './group-members';
import { isSuspended, requireGroup } from './group-state';
import { launchFromSource } from './launching';
import { drain } from './load-balancers';
import type { ActivityRecord, GroupRecord, InstanceRecord } from './state';
import { chooseForScaleIn } from './termination-policy';
import { replenishWarmPool, takeFromWarmPool } from './warm-pool';
import type { World } from './world';
import { leastPopulatedZone } from './zones';

/*
 * How groups act on their own: termination with or without replacement, capacity changes and
 * reconciliation. Launches take from the warm pool first, else go to the zone with the fewest
 * instances and fail (a Failed activity, no instance) when the source or its image cannot launch;
 * scale-in chooses its victims by AWS's Default termination policy, never by what the caller wanted.
 */

export { isSuspended, requireGroup } from './group-state';

/**
 * Adds one instance to the group: a warmed one from its warm pool if it has any, else a new one
 * from what the group launches now, Pending in its least populated zone (`counted`: the members
 * filling capacity). A launch that cannot start is a Failed activity and adds nothing.
 */
export function launchInto(world: World, group: GroupRecord, counted: readonly InstanceRecord[], instanceType?: string, trigger?: string): InstanceRecord | undefined {
  const cause = causes(trigger, launchCause(world, counted.length, Math.max(group.desiredCapacity, counted.length + 1)));
  const warmed = takeFromWarmPool(world, group, cause);
  if (warmed) return warmed;
  const zone = leastPopulatedZone(group, counted, `${world.state.region}a`);
  return launchFromSource(world, group, { zone, ...(instanceType ? { instanceType } : {}), lifecycleState: 'Pending', cause, describedAs: 'Launching a new EC2 instance' });
}

export function beginTermination(world: World, instance: InstanceRecord, cause: string): ActivityRecord | undefined {
  instance.lifecycleState = 'Terminating';
  const group = instance.group ? world.state.groups[instance.group] : undefined;
  if (!group) return undefined;
  drain(world.state, group, instance.instanceId);
  return startTermination(world, group, instance, cause);
}

/**
 * Brings the group to its desired capacity now: launches Pending or starts terminating, unless
 * suspended. `trigger` is what changed the capacity, for the activities' causes. Returns the IDs touched.
 */
export function reconcile(world: World, group: GroupRecord, members = membersOf(world.state, group.name), trigger?: string): { launched: string[]; terminating: string[] } {
  const touched = { launched: [] as string[], terminating: [] as string[] };
  if (group.status === 'Delete in progress') return touched;
  const counted = members.filter(countsTowardCapacity);
  const before = counted.length;
  const overrides = group.mixedInstancesPolicy?.overrides ?? [];
  for (let attempt = before; attempt < group.desiredCapacity && !isSuspended(group, 'Launch'); attempt += 1) {
    // Mixed groups spread launches over their override types.
    const instanceType = overrides[attempt % Math.max(overrides.length, 1)]?.instanceType;
    const launched = launchInto(world, group, counted, instanceType, trigger);
    if (launched) {
      touched.launched.push(launched.instanceId);
      counted.push(launched);
    }
  }
  if (before > group.desiredCapacity && !isSuspended(group, 'Terminate')) {
    const cause = causes(trigger, scaleInCause(world, before, group.desiredCapacity));
    for (const instance of chooseForScaleIn(world.state, group, counted, before - group.desiredCapacity)) {
      beginTermination(world, instance, cause);
      touched.terminating.push(instance.instanceId);
    }
  }
  replenishWarmPool(world, group);
  return touched;
}

/** The cause AWS gives a user's termination, with or without decrement. */
function userTerminationCause(world: World, group: GroupRecord, decrement: boolean): string {
  const at = awsTime(world.now());
  return decrement
    ? `At ${at} an instance was removed in response to a user request, shrinking the capacity from ${group.desiredCapacity + 1} to ${group.desiredCapacity}.`
    : `At ${at} an instance was taken out of service in response to a user request.`;
}

export interface Termination {
  readonly group: GroupRecord;
  /** The instance's termination activity (its open one when it was already terminating). */
  readonly activity?: ActivityRecord;
  readonly replacement?: InstanceRecord;
}

/** TerminateInstanceInAutoScalingGroup: Terminating at once; without decrement a replacement launches Pending at once (or fails). */
export function terminateInGroup(world: World, instanceId: string, decrement: boolean): Termination {
  const instance = world.state.instances[instanceId];
  const group = instance?.group ? world.state.groups[instance.group] : undefined;
  if (!instance || !group || isWarm(instance)) throw validationError(`Instance Id not found - No managed instance found for instance ID: ${instanceId}`);
  if (instance.lifecycleState?.startsWith('Terminating')) {
    const open = instance.activity === undefined ? undefined : world.state.activities[instance.activity];
    return open ? { group, activity: open } : { group };
  }
  if (decrement) {
    if (group.desiredCapacity - 1 < group.minSize) {
      throw validationError(
        `Currently, desiredSize equals minSize (${group.minSize}). Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.`,
      );
    }
    group.desiredCapacity -= 1;
  }
  const filledCapacity = countsTowardCapacity(instance);
  const activity = beginTermination(world, instance, userTerminationCause(world, group, decrement));
  const result = activity ? { group, activity } : { group };
  if (decrement || !filledCapacity || isSuspended(group, 'Launch')) return result;
  const counted = membersOf(world.state, group.name).filter(countsTowardCapacity);
  const replacement = launchInto(world, group, counted, instance.instanceType);
  return replacement ? { ...result, replacement } : result;
}

/** SetDesiredCapacity: validated against Min/Max like AWS, then acted on at once. */
export function setDesiredCapacity(world: World, groupName: string, desired: number): void {
  const group = requireGroup(world.state, groupName);
  if (desired > group.maxSize) throw validationError(`New SetDesiredCapacity value ${desired} is above max value ${group.maxSize} for the AutoScalingGroup.`);
  if (desired < group.minSize) throw validationError(`New SetDesiredCapacity value ${desired} is below min value ${group.minSize} for the AutoScalingGroup.`);
  const trigger = `At ${awsTime(world.now())} a user request explicitly set group desired capacity changing the desired capacity from ${group.desiredCapacity} to ${desired}.`;
  group.desiredCapacity = desired;
  reconcile(world, group, undefined, trigger);
}
