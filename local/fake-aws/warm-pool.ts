import { awsTime, finishActivity, startLaunch } from './activities';
import { isWarm } from './group-members';
import { isSuspended } from './group-state';
import { firstLaunch } from './instances';
import { launchFromSource } from './launching';
import type { AccountState, GroupRecord, InstanceRecord } from './state';
import type { World } from './world';
import { leastPopulatedZone } from './zones';

/*
 * Warm pools (Amazon EC2 Auto Scaling User Guide, "Warm pools"): pre-initialized instances that
 * DescribeAutoScalingGroups does not list. Scale-out takes a warmed instance before launching a new
 * one, and it comes with the AMI it was warmed with: a stopped one starts, so its LaunchTime is new
 * while its attach times are old. The pool is kept at its size from the group's launch source.
 */

export function warmPoolOf(state: AccountState, groupName: string): InstanceRecord[] {
  return Object.values(state.instances).filter((instance) => instance.group === groupName && isWarm(instance));
}

/** The size AWS keeps: MaxGroupPreparedCapacity (default MaxSize) less desired capacity, at least MinSize. */
export function warmPoolTarget(group: GroupRecord): number {
  const pool = group.warmPool;
  if (!pool) return 0;
  return Math.max(pool.minSize, (pool.maxGroupPreparedCapacity ?? group.maxSize) - group.desiredCapacity);
}

/** Scale-out from the pool: the longest-warmed instance goes Pending (the activity's wording is unconfirmed). */
export function takeFromWarmPool(world: World, group: GroupRecord, cause: string): InstanceRecord | undefined {
  const [warmed] = warmPoolOf(world.state, group.name).sort((a, b) => firstLaunch(a) - firstLaunch(b));
  if (!warmed) return undefined;
  warmed.lifecycleState = 'Pending';
  if (warmed.state !== 'running') Object.assign(warmed, { state: 'pending', launchTime: world.now() });
  startLaunch(world, group, warmed, cause, 'Launching a new EC2 instance from warm pool');
  return warmed;
}

/** Launches into the pool up to its size, unless Launch is suspended; returns the IDs launched. */
export function replenishWarmPool(world: World, group: GroupRecord): string[] {
  if (!group.warmPool || isSuspended(group, 'Launch')) return [];
  const pool = warmPoolOf(world.state, group.name);
  const target = warmPoolTarget(group);
  const launched: string[] = [];
  for (let attempt = pool.length; attempt < target; attempt += 1) {
    const cause = `At ${awsTime(world.now())} an instance was launched into the warm pool, increasing its size from ${pool.length} to ${target}.`;
    const zone = leastPopulatedZone(group, pool, `${world.state.region}a`);
    const instance = launchFromSource(world, group, {
      zone,
      lifecycleState: `Warmed:${group.warmPool.poolState}`,
      cause,
      describedAs: 'Launching a new EC2 instance into warm pool',
    });
    if (!instance) continue;
    finishActivity(world, instance);
    pool.push(instance);
    launched.push(instance.instanceId);
  }
  return launched;
}
