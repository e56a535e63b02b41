import { validationError } from './protocol/aws-error';
import type { AccountState, GroupRecord } from './state';

export function requireGroup(state: AccountState, name: string): GroupRecord {
  const group = state.groups[name];
  if (!group) throw validationError(`AutoScalingGroup name not found - AutoScalingGroup '${name}' not found`);
  return group;
}

export const isSuspended = (group: GroupRecord, process: string): boolean => group.suspendedProcesses.includes(process);
