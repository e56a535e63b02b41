import { awsTime, causes, launchCause, scaleInCause, startTermination } from './activities';
import { validationError } from './protocol/aws-error';
import { countsTowardCapacity, isWarm, membersOf } from './group-members';
import { isSuspended, requireGroup } from './group-state';
import { isWeighted, typeWeight, unitsOf, weightOf } from './group-weights';
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
 * Capacity is counted in units (group-weights.ts): 1 per instance unless the group sets weights.
 */

export { isSuspended, requireGroup } from './group-state';

/**
 * Adds one instance to the group: a warmed one from its warm pool if it has any, else a new one
 * from what the group launches now, Pending in its least populated zone (`counted`: the members
 * filling capacity). A launch that cannot start is a Failed activity and adds nothing.
 */
export function launchInto(world: World, group: GroupRecord, counted: readonly InstanceRecord[], instanceType?: string, trigger?: string): InstanceRecord | undefined {
  const units = unitsOf(group, counted);
  const cause = causes(trigger, launchCause(world, units, Math.max(group.desiredCapacity, units + (typeWeight(group, instanceType) ?? 1))));
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
 * Launches until `counted` (the members filling capacity, extended in place) holds the desired units:
 * with weights the last launch may overshoot, as AWS's does ("launches instances until the desired
 * capacity is totally fulfilled, even if this results in an overage"). The first launch is of
 * `firstType` if given, then mixed groups spread launches over their override types. A failed
 * launch counts the units it would have added, so launches that keep failing end. Returns the IDs launched.
 */
function launchUntilDesired(world: World, group: GroupRecord, counted: InstanceRecord[], options: { trigger?: string; firstType?: string } = {}): string[] {
  const overrides = group.mixedInstancesPolicy?.overrides ?? [];
  const start = counted.length;
  const launched: string[] = [];
  for (let attempt = 0, units = unitsOf(group, counted); units < group.desiredCapacity; attempt += 1) {
    const instanceType = attempt === 0 && options.firstType ? options.firstType : overrides[(start + attempt) % Math.max(overrides.length, 1)]?.instanceType;
    const instance = launchInto(world, group, counted, instanceType, options.trigger);
    units += instance ? weightOf(group, instance) : (typeWeight(group, instanceType) ?? 1);
    if (!instance) continue;
    launched.push(instance.instanceId);
    counted.push(instance);
  }
  return launched;
}

/**
 * What a group launches for a member that left without decrement: an unweighted group one instance
 * of the same type, at once; a weighted one, from that type on, until its units are back at desired.
 */
export function launchReplacement(world: World, group: GroupRecord, replaced: InstanceRecord): InstanceRecord[] {
  const counted = membersOf(world.state, group.name).filter(countsTowardCapacity);
  if (isWeighted(group)) return launchUntilDesired(world, group, counted, { firstType: replaced.instanceType }).map((id) => world.state.instances[id] as InstanceRecord);
  const replacement = launchInto(world, group, counted, replaced.instanceType);
  return replacement ? [replacement] : [];
}

/**
 * Brings the group to its desired capacity now: launches Pending or starts terminating, unless
 * suspended. `trigger` is what changed the capacity, for the activities' causes. Returns the IDs touched.
 */
export function reconcile(world: World, group: GroupRecord, members = membersOf(world.state, group.name), trigger?: string): { launched: string[]; terminating: string[] } {
  const touched = { launched: [] as string[], terminating: [] as string[] };
  if (group.status === 'Delete in progress') return touched;
  const counted = members.filter(countsTowardCapacity);
  const before = unitsOf(group, counted);
  if (!isSuspended(group, 'Launch')) touched.launched.push(...launchUntilDesired(world, group, counted, trigger === undefined ? {} : { trigger }));
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

/** The cause AWS gives a user's termination, with or without decrement (after a decrement by `weight`). */
function userTerminationCause(world: World, group: GroupRecord, decrement: boolean, weight: number): string {
  const at = awsTime(world.now());
  return decrement
    ? `At ${at} an instance was removed in response to a user request, shrinking the capacity from ${group.desiredCapacity + weight} to ${group.desiredCapacity}.`
    : `At ${at} an instance was taken out of service in response to a user request.`;
}

export interface Termination {
  readonly group: GroupRecord;
  /** The instance's termination activity (its open one when it was already terminating). */
  readonly activity?: ActivityRecord;
  /** Launched Pending at once to replace it (without decrement; none when the launch failed). */
  readonly replacements: readonly InstanceRecord[];
}

/** Why a decrement is refused: AWS's words when it would go one below MinSize; the weighted wording is the fake's own. */
function belowMinSize(group: GroupRecord, weight: number): string {
  const tail = "Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.";
  if (weight === 1) return `Currently, desiredSize equals minSize (${group.minSize}). ${tail}`;
  return `Currently, desiredSize (${group.desiredCapacity}) less the instance's weighted capacity (${weight}) is below minSize (${group.minSize}). ${tail}`;
}

/**
 * TerminateInstanceInAutoScalingGroup: Terminating at once; with decrement desired capacity drops by
 * the instance's units; without, replacement capacity launches Pending at once (or fails).
 */
export function terminateInGroup(world: World, instanceId: string, decrement: boolean): Termination {
  const instance = world.state.instances[instanceId];
  const group = instance?.group ? world.state.groups[instance.group] : undefined;
  if (!instance || !group || isWarm(instance)) throw validationError(`Instance Id not found - No managed instance found for instance ID: ${instanceId}`);
  if (instance.lifecycleState?.startsWith('Terminating')) {
    const open = instance.activity === undefined ? undefined : world.state.activities[instance.activity];
    return open ? { group, activity: open, replacements: [] } : { group, replacements: [] };
  }
  const weight = weightOf(group, instance);
  if (decrement) {
    if (group.desiredCapacity - weight < group.minSize) throw validationError(belowMinSize(group, weight));
    group.desiredCapacity -= weight;
  }
  const filledCapacity = countsTowardCapacity(instance);
  const activity = beginTermination(world, instance, userTerminationCause(world, group, decrement, weight));
  const result = activity ? { group, activity } : { group };
  if (decrement || !filledCapacity || isSuspended(group, 'Launch')) return { ...result, replacements: [] };
  return { ...result, replacements: launchReplacement(world, group, instance) };
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
