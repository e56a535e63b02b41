import type { AccountState, InstanceRecord } from './state';

/** States that fill desired capacity: Standby, warm-pool and terminating instances do not. */
const COUNTED = new Set(['Pending', 'Pending:Wait', 'Pending:Proceed', 'InService']);

export const isWarm = (instance: InstanceRecord): boolean => instance.lifecycleState?.startsWith('Warmed') ?? false;

/** A group's instances as DescribeAutoScalingGroups lists them: warm-pool instances are not. */
export function membersOf(state: AccountState, groupName: string): InstanceRecord[] {
  return Object.values(state.instances).filter((instance) => instance.group === groupName && !isWarm(instance));
}

/** Members by group in one pass, for describing many groups of a large account. */
export function membersByGroup(state: AccountState): Map<string, InstanceRecord[]> {
  const byGroup = new Map<string, InstanceRecord[]>();
  for (const instance of Object.values(state.instances)) {
    if (instance.group === undefined || isWarm(instance)) continue;
    const list = byGroup.get(instance.group) ?? [];
    list.push(instance);
    byGroup.set(instance.group, list);
  }
  return byGroup;
}

export const countsTowardCapacity = (instance: InstanceRecord): boolean => COUNTED.has(instance.lifecycleState ?? '');
