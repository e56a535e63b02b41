import type { AccountState, GroupRecord, InstanceRecord, ZoneRecord } from './state';

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

/** A region's zones as a new account sees them: three Availability Zones, and a Local Zone it has not opted in to. */
export function defaultZones(region: string): ZoneRecord[] {
  return [
    ...['a', 'b', 'c'].map((letter): ZoneRecord => ({ name: `${region}${letter}`, type: 'availability-zone', optInStatus: 'opt-in-not-required' })),
    { name: `${region}-lz-1a`, type: 'local-zone', optInStatus: 'not-opted-in' },
  ];
}

/**
 * Lists a zone something is seeded or launched in, as an Availability Zone, and opts the account in to a Local Zone
 * it uses: on AWS nothing runs in a zone the region does not have. A test that wants an instance in a zone
 * DescribeAvailabilityZones does not list sets the record's zone directly.
 */
export function ensureZone(state: AccountState, name: string): void {
  const listed = state.zones.find((zone) => zone.name === name);
  if (!listed) state.zones.push({ name, type: 'availability-zone', optInStatus: 'opt-in-not-required' });
  else if (listed.optInStatus === 'not-opted-in') listed.optInStatus = 'opted-in';
}
