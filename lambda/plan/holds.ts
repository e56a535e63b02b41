import type { GroupGates, GroupSnapshot } from '../model/fleet';
import type { DeferralReason } from '../model/reasons';
import type { DueInstance, GroupEvaluation } from '../policy/evaluation';
import { isInsideWindows } from '../policy/windows';

/** What holds back this instance itself: exempt, protected from scale-in, or not InService. */
export function instanceHold(due: DueInstance, evaluation: GroupEvaluation): DeferralReason | undefined {
  if (evaluation.settings.exempt || due.exempt) return 'exempt';
  if (due.member?.protectedFromScaleIn) return 'protected';
  if (due.member?.lifecycleState !== 'InService') return 'not-in-service';
  return undefined;
}

const BLOCKING_SUSPENSIONS = new Set(['Launch', 'Terminate']);

/** Stable: enough healthy capacity, nothing launching or terminating, no refresh, not being deleted. */
export function isGroupStable(group: GroupSnapshot, gates: GroupGates | undefined): boolean {
  if (!gates || gates.instanceRefreshActive) return false;
  if (group.status !== undefined && group.status !== '') return false;
  const serving = group.members.filter((member) => member.lifecycleState === 'InService' && member.healthStatus === 'Healthy');
  const moving = group.members.some((member) => /^(Pending|Terminating)/.test(member.lifecycleState));
  return serving.length >= group.desiredCapacity && !moving;
}

/** What holds back every instance of the group, in the contract's order of precedence. */
export function groupHold(evaluation: GroupEvaluation, gates: GroupGates | undefined, surgeWaiting: boolean): DeferralReason | undefined {
  const group = evaluation.group;
  if (group.suspendedProcesses.some((process) => BLOCKING_SUSPENSIONS.has(process))) return 'processes-suspended';
  if (surgeWaiting) return 'surge-pending';
  if (!isGroupStable(group, gates)) return 'group-unstable';
  if (gates && gates.alarmsHolding.length > 0) return 'alarm';
  if (gates && gates.unhealthyTargets.length > 0) return 'targets-unhealthy';
  return undefined;
}

/** Routine reasons wait for the maintenance window, until lifetime + grace has passed. */
export function windowHold(due: DueInstance, evaluation: GroupEvaluation, now: number): DeferralReason | undefined {
  const windows = evaluation.settings.windows;
  if (!windows || due.emergency || due.pastDeadline) return undefined;
  return isInsideWindows(windows, now) ? undefined : 'outside-window';
}
