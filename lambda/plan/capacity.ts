import type { GroupMember, GroupSnapshot } from '../model/fleet';
import { isRetained } from '../policy/retained';

/*
 * Capacity in the group's units. Where a group sets weights (or counts vCPUs / MiB), its desired, minimum and maximum
 * capacity are in those units and each member counts for its `WeightedCapacity` (Auto Scaling User Guide, instance
 * weighting); elsewhere every member is one unit.
 */

/** Serves in the group's own view: InService and Healthy. */
export const isServing = (member: GroupMember): boolean => member.lifecycleState === 'InService' && member.healthStatus === 'Healthy';

// Made once: a literal in the function would make a new RegExp for each member asked about.
const MOVING_STATE = /^(Pending|Terminating)/;

/** Launching or terminating: the group is moving. A retained member is nobody's to wait for. */
export const isMoving = (member: GroupMember): boolean => MOVING_STATE.test(member.lifecycleState) && !isRetained(member);

/** The units of the members that serve. */
export function servingUnits(members: readonly GroupMember[]): number {
  let units = 0;
  for (const member of members) if (isServing(member)) units += member.weight;
  return units;
}

/**
 * A group whose desired capacity one instance meets (desired 1, or a single weighted member): terminating it before
 * its replacement serves would leave nothing, so it launches before it terminates.
 */
export function isGroupOfOne(group: GroupSnapshot): boolean {
  let largest = 1;
  for (const member of group.members) if (member.weight > largest) largest = member.weight;
  return group.desiredCapacity > 0 && group.desiredCapacity <= largest;
}
