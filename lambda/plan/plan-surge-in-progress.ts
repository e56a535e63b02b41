import type { GroupGates, RunError } from '../model/fleet';
import type { DeferralReason } from '../model/reasons';
import type { DeferredEntry } from '../model/report';
import type { DueInstance, GroupEvaluation } from '../policy/evaluation';
import type { SurgeRecord } from '../policy/surge-record';
import { isInsideWindows } from '../policy/windows';
import { addedInstances } from './added-instances';
import { budgetAllows, type Taken } from './budget';
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

const recordedOf = (surge: SurgeRecord) => ({ startedAt: surge.state.startedAt, recordedDesiredCapacity: surge.state.desiredCapacity, groupArn: surge.groupArn });

/** Each member's capacity units, by ID. */
function weightsOf(surge: SurgeRecord): Map<string, number> {
  return new Map(surge.members.map((fact) => [fact.member.instanceId, fact.member.weight]));
}

/** Instances in order, each taken while its units still fit in `units`: capacity is never given back beyond what was added. */
function pickWithin(instanceIds: readonly string[], weights: ReadonlyMap<string, number>, units: number): string[] {
  const picked: string[] = [];
  let left = units;
  for (const id of instanceIds) {
    const weight = weights.get(id) ?? 1;
    if (weight > left) continue;
    picked.push(id);
    left -= weight;
  }
  return picked;
}

/** The units of the named instances. */
function unitsIn(weights: ReadonlyMap<string, number>, instanceIds: Iterable<string>): number {
  let units = 0;
  for (const id of instanceIds) units += weights.get(id) ?? 1;
  return units;
}

const weightsNamed = (weights: ReadonlyMap<string, number>, instanceIds: readonly string[]): Record<string, number> =>
  Object.fromEntries(instanceIds.map((id) => [id, weights.get(id) ?? 1]));

function budgetHold(evaluation: GroupEvaluation, removing: Taken, context: SurgeContext): DeferralReason | undefined {
  if (!budgetAllows(evaluation.settings.budget, evaluation.group.desiredCapacity, removing)) return 'group-budget';
  return removing.instances > context.runBudgetLeft ? 'run-budget' : undefined;
}

/**
 * Rolls back a surge that did not become healthy in time: the instances it added go, by ID, with decrement, and the
 * old ones keep serving. It obeys the same holds as any removal, judged on the members that stay.
 */
function rollBack(evaluation: GroupEvaluation, surge: SurgeRecord, gates: GroupGates, stillExtra: number, context: SurgeContext, recordedDue: readonly DueInstance[]): SurgeOutcome {
  const group = evaluation.group;
  const started = new Date(surge.state.startedAt).toISOString();
  const weights = weightsOf(surge);
  const launchedBy = surge.state.startedAt + context.timeoutMs;
  const victims = pickWithin(addedInstances(surge, gates, launchedBy).map((added) => added.instanceId), weights, stillExtra);
  const removing = { instances: victims.length, units: unitsIn(weights, victims) };
  const leaving = new Set(victims);
  // The instances leaving are the newest; what stays bakes as any group does.
  const why = groupHold(evaluation, gates, { leaving, givenBack: stillExtra, now: context.now }) ?? surgeWindowHold(evaluation, recordedDue, context.now) ?? budgetHold(evaluation, removing, context);
  if (why !== undefined) {
    const deferred = evaluation.due.map((due) => held(evaluation, due, why));
    return { terminations: [], deferred, errors: [{ group: group.name, code: 'surge-incomplete', message: `surge started ${started} did not complete in time; its rollback waits (${why})` }], removed: 0 };
  }
  const errors: RunError[] = [{ group: group.name, code: 'surge-incomplete', message: `surge started ${started} did not complete in time; rolled back by removing ${victims.length ? victims.join(', ') : 'nothing'}` }];
  if (removing.units < stillExtra) {
    const missing = stillExtra - removing.units;
    errors.push({ group: group.name, code: 'surge-incomplete', message: `the group has no instance to remove for ${missing} unit(s) of the capacity the surge added (never launched, not InService, or larger than what is left to give back); its desired capacity stays ${missing} above what the surge found` });
  }
  const step: SurgeStep = { ...recordedOf(surge), group: group.name, action: 'rolled-back', desiredCapacity: group.desiredCapacity - removing.units, instanceIds: victims, removeAdded: victims, weights: weightsNamed(weights, victims) };
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
  if (!budgetAllows(evaluation.settings.budget, state.desiredCapacity, { instances: state.added, units: state.addedUnits })) {
    const message = `tag instance-reaper:surge-state records ${state.added} instance(s), more than the group's budget; group left alone this run. Delete the tag once the group is as it should be`;
    return { terminations: [], deferred: [], errors: [{ group: group.name, code: 'state-refused', message }], removed: 0 };
  }
  const timedOut = context.now - state.startedAt > context.timeoutMs;
  // In the group's units: what the surge added, less what something else (a scale-in) took back since.
  const stillExtra = Math.max(0, state.addedUnits - Math.max(0, state.desiredCapacity - group.desiredCapacity));
  if (surge.departed.length > 0 && stillExtra > 0) {
    // Capacity still added for instances that are gone: no run of the reaper leaves that behind, so nothing is given back on a guess.
    const message = `tag instance-reaper:surge-state lists ${surge.departed.join(', ')}, no longer in EC2, while the capacity it added is still there; group left alone this run. Delete the tag once the group is as it should be`;
    return { terminations: [], deferred: [], errors: [{ group: group.name, code: 'state-refused', message }], removed: 0 };
  }
  const listed = new Set(state.instanceIds);
  const recordedDue = evaluation.due.filter((due) => listed.has(due.instanceId));

  if (stillExtra === 0) {
    if (!timedOut) return { terminations: [], deferred: evaluation.due.map((due) => held(evaluation, due, 'surge-pending')), errors: [], removed: 0 };
    const step: SurgeStep = { ...recordedOf(surge), group: group.name, action: 'rolled-back', desiredCapacity: group.desiredCapacity, instanceIds: [], removeAdded: [], weights: {} };
    const message = `surge started ${new Date(state.startedAt).toISOString()} ended: the group's capacity was lowered by something else meanwhile; only its tag is removed`;
    return { terminations: [], deferred: evaluation.due.map((due) => held(evaluation, due, 'surge-pending')), step, errors: [{ group: group.name, code: 'surge-incomplete', message }], removed: 0 };
  }

  const weights = weightsOf(surge);
  const allowed = recordedDue.filter((due) => instanceHold(due, evaluation) === undefined).map((due) => due.instanceId);
  const goingIds = new Set(pickWithin(allowed, weights, stillExtra));
  const going = recordedDue.filter((due) => goingIds.has(due.instanceId));
  const goingUnits = unitsIn(weights, goingIds);
  const added = addedInstances(surge, gates, state.startedAt + context.timeoutMs);
  const giveBack = pickWithin(added.map((instance) => instance.instanceId), weights, stillExtra - goingUnits);
  const named = weightsNamed(weights, [...goingIds, ...giveBack]);
  const removing = { instances: going.length + giveBack.length, units: goingUnits + unitsIn(weights, giveBack) };
  // The replaced instances go only once what the surge launched is in service in their place (its load balancers are
  // the targets-unhealthy gate's): a stable group alone could be a scale-out's doing, under a record someone put back.
  const healthyAdded = unitsIn(weights, added.filter((instance) => instance.healthy).map((instance) => instance.instanceId));
  const waiting = !isGroupStable(group, gates) || healthyAdded < goingUnits;
  const why = groupHold(evaluation, gates, { surgeWaiting: waiting, now: context.now }) ?? surgeWindowHold(evaluation, recordedDue, context.now) ?? budgetHold(evaluation, removing, context);
  // What the surge added serves and bakes: the surge did not fail, so its timeout does not roll it back; it completes once baked.
  if (why !== undefined && why !== 'baking' && timedOut) return rollBack(evaluation, surge, gates, stillExtra, context, recordedDue);
  if (why !== undefined) return { terminations: [], deferred: evaluation.due.map((due) => held(evaluation, due, why)), errors: [], removed: 0 };

  const terminations = going.map((due) => ({ instanceId: due.instanceId, group: group.name, reasons: due.reasons, decrementDesiredCapacity: true, units: named[due.instanceId] ?? 1 }));
  const deferred = evaluation.due.filter((due) => !goingIds.has(due.instanceId)).map((due) => held(evaluation, due, 'surge-pending'));
  const errors: RunError[] =
    removing.units < stillExtra
      ? [{ group: group.name, code: 'surge-incomplete', message: `the surge's capacity for ${stillExtra - removing.units} unit(s) has no instance to remove by ID; the desired capacity stays that much higher` }]
      : [];
  const step: SurgeStep = {
    group: group.name,
    action: 'completed',
    desiredCapacity: group.desiredCapacity - removing.units,
    instanceIds: [...goingIds],
    ...recordedOf(surge),
    removeAdded: giveBack,
    weights: named,
  };
  return { terminations, deferred, step, errors, removed: removing.instances };
}
