import type { GroupGates, RunError } from '../model/fleet';
import type { DeferralReason } from '../model/reasons';
import type { DeferredEntry } from '../model/report';
import type { DueInstance, GroupEvaluation } from '../policy/evaluation';
import type { SurgeRecord } from '../policy/surge-record';
import { isInsideWindows } from '../policy/windows';
import { addedInstances } from './added-instances';
import { budgetCount } from './budget';
import { groupHold, instanceHold, isGroupStable, windowHold } from './holds';
import type { PlannedTermination, SurgeStep } from './plan';

export interface SurgeOutcome {
  readonly terminations: readonly PlannedTermination[];
  readonly deferred: readonly DeferredEntry[];
  readonly step?: SurgeStep;
  readonly errors: readonly RunError[];
  /** Instances removed (terminated or given back), counted against the run's budget. */
  readonly removed: number;
}

export interface SurgeContext {
  readonly now: number;
  readonly timeoutMs: number;
  readonly runBudgetLeft: number;
}

const held = (evaluation: GroupEvaluation, due: DueInstance, why: DeferralReason): DeferredEntry => ({
  instanceId: due.instanceId,
  group: evaluation.group.name,
  reasons: due.reasons,
  why: instanceHold(due, evaluation) ?? why,
});

/** Maintenance windows hold ending a surge as they hold a termination: unless an instance it replaces is due for an emergency or past its deadline. */
function surgeWindowHold(evaluation: GroupEvaluation, recordedDue: readonly DueInstance[], now: number): DeferralReason | undefined {
  const windows = evaluation.settings.windows;
  if (!windows) return undefined;
  if (recordedDue.length === 0) return isInsideWindows(windows, now) ? undefined : 'outside-window';
  return recordedDue.every((due) => windowHold(due, evaluation, now) !== undefined) ? 'outside-window' : undefined;
}

const recordedOf = (surge: SurgeRecord) => ({ startedAt: surge.state.startedAt, recordedDesiredCapacity: surge.state.desiredCapacity });

function budgetHold(evaluation: GroupEvaluation, removing: number, context: SurgeContext): DeferralReason | undefined {
  if (removing > budgetCount(evaluation.settings.budget, evaluation.group.desiredCapacity)) return 'group-budget';
  return removing > context.runBudgetLeft ? 'run-budget' : undefined;
}

/**
 * Rolls back a surge that did not become healthy in time: the instances it added go, by ID, with decrement, and the
 * old ones keep serving. It obeys the same holds as any removal, judged on the members that stay.
 */
function rollBack(evaluation: GroupEvaluation, surge: SurgeRecord, gates: GroupGates, stillExtra: number, context: SurgeContext, recordedDue: readonly DueInstance[]): SurgeOutcome {
  const group = evaluation.group;
  const started = new Date(surge.state.startedAt).toISOString();
  const victims = addedInstances(surge, gates).slice(0, stillExtra);
  const leaving = new Set(victims);
  const why = groupHold(evaluation, gates, { leaving, givenBack: stillExtra }) ?? surgeWindowHold(evaluation, recordedDue, context.now) ?? budgetHold(evaluation, victims.length, context);
  if (why !== undefined) {
    const deferred = evaluation.due.map((due) => held(evaluation, due, why));
    return { terminations: [], deferred, errors: [{ group: group.name, message: `surge started ${started} did not complete in time; its rollback waits (${why})` }], removed: 0 };
  }
  const errors: RunError[] = [{ group: group.name, message: `surge started ${started} did not complete in time; rolled back by removing ${victims.length ? victims.join(', ') : 'nothing'}` }];
  if (victims.length < stillExtra) {
    const missing = stillExtra - victims.length;
    errors.push({ group: group.name, message: `the group has no instance to remove for ${missing} of the instance(s) the surge added (never launched, or not InService); its desired capacity stays ${missing} above what the surge found` });
  }
  const step: SurgeStep = { ...recordedOf(surge), group: group.name, action: 'rolled-back', desiredCapacity: group.desiredCapacity - victims.length, instanceIds: victims, removeAdded: victims };
  return { terminations: [], deferred: evaluation.due.map((due) => held(evaluation, due, 'surge-pending')), step, errors, removed: victims.length };
}

/**
 * A group with a surge under way. Once the added capacity serves and nothing holds the group, the recorded instances
 * go (with decrement, by ID); capacity added for one that may no longer go (exempt, protected, no longer due) is given
 * back by removing an added instance by ID. Until then it waits, and past the timeout it is rolled back.
 * Only the capacity that is still extra is given back: what a scale-in took meanwhile is not taken twice.
 */
export function planSurgeInProgress(evaluation: GroupEvaluation, surge: SurgeRecord, gates: GroupGates, context: SurgeContext): SurgeOutcome {
  const group = evaluation.group;
  const { state } = surge;
  if (state.added > budgetCount(evaluation.settings.budget, state.desiredCapacity)) {
    const message = `tag instance-reaper:surge-state records ${state.added} instance(s), more than the group's budget; group left alone this run. Delete the tag once the group is as it should be`;
    return { terminations: [], deferred: [], errors: [{ group: group.name, message }], removed: 0 };
  }
  const timedOut = context.now - state.startedAt > context.timeoutMs;
  const stillExtra = Math.max(0, state.added - Math.max(0, state.desiredCapacity - group.desiredCapacity));
  if (surge.departed.length > 0 && stillExtra > 0) {
    // Capacity still added for instances that are gone: no run of the reaper leaves that behind, so nothing is given back on a guess.
    const message = `tag instance-reaper:surge-state lists ${surge.departed.join(', ')}, no longer in EC2, while the capacity it added is still there; group left alone this run. Delete the tag once the group is as it should be`;
    return { terminations: [], deferred: [], errors: [{ group: group.name, message }], removed: 0 };
  }
  const listed = new Set(state.instanceIds);
  const recordedDue = evaluation.due.filter((due) => listed.has(due.instanceId));

  if (stillExtra === 0) {
    if (!timedOut) return { terminations: [], deferred: evaluation.due.map((due) => held(evaluation, due, 'surge-pending')), errors: [], removed: 0 };
    const step: SurgeStep = { ...recordedOf(surge), group: group.name, action: 'rolled-back', desiredCapacity: group.desiredCapacity, instanceIds: [], removeAdded: [] };
    const message = `surge started ${new Date(state.startedAt).toISOString()} ended: the group's capacity was lowered by something else meanwhile; only its tag is removed`;
    return { terminations: [], deferred: evaluation.due.map((due) => held(evaluation, due, 'surge-pending')), step, errors: [{ group: group.name, message }], removed: 0 };
  }

  const going = recordedDue.filter((due) => instanceHold(due, evaluation) === undefined).slice(0, stillExtra);
  const giveBack = addedInstances(surge, gates).slice(0, stillExtra - going.length);
  const removing = going.length + giveBack.length;
  const waiting = !isGroupStable(group, gates);
  const why = groupHold(evaluation, gates, { surgeWaiting: waiting }) ?? surgeWindowHold(evaluation, recordedDue, context.now) ?? budgetHold(evaluation, removing, context);
  if (why !== undefined && timedOut) return rollBack(evaluation, surge, gates, stillExtra, context, recordedDue);
  if (why !== undefined) return { terminations: [], deferred: evaluation.due.map((due) => held(evaluation, due, why)), errors: [], removed: 0 };

  const goingIds = new Set(going.map((due) => due.instanceId));
  const terminations = going.map((due) => ({ instanceId: due.instanceId, group: group.name, reasons: due.reasons, decrementDesiredCapacity: true }));
  const deferred = evaluation.due.filter((due) => !goingIds.has(due.instanceId)).map((due) => held(evaluation, due, 'surge-pending'));
  const errors: RunError[] =
    removing < stillExtra
      ? [{ group: group.name, message: `the surge's capacity for ${stillExtra - removing} instance(s) has no instance to remove by ID; the desired capacity stays that much higher` }]
      : [];
  const step: SurgeStep = {
    group: group.name,
    action: 'completed',
    desiredCapacity: group.desiredCapacity - removing,
    instanceIds: [...goingIds],
    ...recordedOf(surge),
    removeAdded: giveBack,
  };
  return { terminations, deferred, step, errors, removed: removing };
}
