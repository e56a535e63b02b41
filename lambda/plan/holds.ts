import type { GroupGates, GroupSnapshot } from '../model/fleet';
import type { DeferralReason } from '../model/reasons';
import type { DueInstance, GroupEvaluation } from '../policy/evaluation';
import { isInsideWindows } from '../policy/windows';
import { isBaking } from './bake';
import { isMoving, servingUnits } from './capacity';

/** What holds back this instance itself: exempt, protected from scale-in, or not InService. */
export function instanceHold(due: DueInstance, evaluation: GroupEvaluation): DeferralReason | undefined {
  if (evaluation.settings.exempt || due.exempt) return 'exempt';
  if (due.member?.protectedFromScaleIn) return 'protected';
  if (due.member?.lifecycleState !== 'InService') return 'not-in-service';
  return undefined;
}

const BLOCKING_SUSPENSIONS = new Set(['Launch', 'Terminate']);

/** `Launch` or `Terminate` suspended: the group would not replace what it loses. */
export const processesSuspended = (group: GroupSnapshot): boolean => group.suspendedProcesses.some((process) => BLOCKING_SUSPENSIONS.has(process));

/**
 * Stable: enough healthy capacity in the group's units, nothing launching or terminating, no refresh, not being
 * deleted. `leaving` are members about to be removed with their capacity (rolling back a surge): the rest must be
 * stable without them, and serve the desired capacity less `givenBack` units.
 */
export function isGroupStable(group: GroupSnapshot, gates: GroupGates, leaving: ReadonlySet<string> = new Set(), givenBack = 0): boolean {
  if (gates.instanceRefreshActive) return false;
  if (group.status !== undefined && group.status !== '') return false;
  // Nobody leaving is the usual case, asked once per group of the fleet: the members as they are, not a copy.
  const staying = leaving.size === 0 ? group.members : group.members.filter((member) => !leaving.has(member.instanceId));
  return servingUnits(staying) >= group.desiredCapacity - givenBack && !staying.some(isMoving);
}

/** Why the group cannot launch a replacement: the AMI it launches (from the fleet read), else its latest launch (from the gates). */
export function replacementProblem(evaluation: GroupEvaluation, gates: GroupGates): GroupGates['cannotReplace'] {
  return evaluation.launchProblem === undefined ? gates.cannotReplace : { code: 'cannot-replace', why: evaluation.launchProblem };
}

export interface GroupHoldOptions {
  /** A surge has added capacity that does not serve yet. */
  readonly surgeWaiting?: boolean;
  /** The step relies on the group launching a replacement (a termination without decrement, or a surge's start). */
  readonly needsReplacement?: boolean;
  /** Members about to be removed with their capacity: the rest must be stable and serving without them. */
  readonly leaving?: ReadonlySet<string>;
  /** Capacity units about to be given back with `leaving`: the rest must serve the desired capacity less this. */
  readonly givenBack?: number;
  /**
   * The run's clock, to judge the group's bake time. Left out while the group's gates are unread: the bake counts from
   * when its launches ended, which the gates read, and the holds before it in precedence are gates too.
   */
  readonly now?: number;
}

/** What holds back every instance of the group, in the contract's order of precedence. */
export function groupHold(evaluation: GroupEvaluation, gates: GroupGates, options: GroupHoldOptions = {}): DeferralReason | undefined {
  const group = evaluation.group;
  const leaving = options.leaving ?? new Set<string>();
  if (processesSuspended(group)) return 'processes-suspended';
  if (options.needsReplacement && replacementProblem(evaluation, gates) !== undefined) return 'cannot-replace';
  if (options.surgeWaiting) return 'surge-pending';
  if (!isGroupStable(group, gates, leaving, options.givenBack)) return 'group-unstable';
  if (options.now !== undefined && isBaking(evaluation, gates, options.now, leaving)) return 'baking';
  if (gates.alarmsHolding.length > 0) return 'alarm';
  if (gates.unhealthyTargets.some((id) => !leaving.has(id))) return 'targets-unhealthy';
  return undefined;
}

/** Routine reasons wait for the maintenance window, until lifetime + grace has passed. */
export function windowHold(due: DueInstance, evaluation: GroupEvaluation, now: number): DeferralReason | undefined {
  const windows = evaluation.settings.windows;
  if (!windows || due.emergency || due.pastDeadline) return undefined;
  return isInsideWindows(windows, now) ? undefined : 'outside-window';
}
