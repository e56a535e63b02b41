import type { GroupRecord, InstanceRecord } from './state';

/** Instances per zone, counting only what is given (callers pass the members that fill capacity). */
export function countByZone(instances: readonly InstanceRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const instance of instances) counts.set(instance.availabilityZone, (counts.get(instance.availabilityZone) ?? 0) + 1);
  return counts;
}

/**
 * Where a group launches next: the enabled zone holding the fewest of its instances, ties in the
 * group's zone order. AWS launches "in the Availability Zone with the fewest instances" to keep
 * the group balanced (How suspended processes affect other processes, AZRebalance).
 */
export function leastPopulatedZone(group: GroupRecord, counted: readonly InstanceRecord[], fallback: string): string {
  const counts = countByZone(counted);
  let best: string | undefined;
  for (const zone of group.availabilityZones) {
    if (best === undefined || (counts.get(zone) ?? 0) < (counts.get(best) ?? 0)) best = zone;
  }
  return best ?? fallback;
}
