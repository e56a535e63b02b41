import type { GroupGates, RunError } from '../model/fleet';
import type { DeferredEntry } from '../model/report';
import type { GroupEvaluation } from '../policy/evaluation';
import type { CapacityChange, PlannedTermination } from './plan';
import { groupHold, instanceHold, isGroupStable } from './holds';
import type { SurgeState } from './surge-state';

export interface SurgeStep {
  readonly terminations: readonly PlannedTermination[];
  readonly deferred: readonly DeferredEntry[];
  readonly change?: CapacityChange;
  readonly error?: RunError;
}

const entry = (evaluation: GroupEvaluation, instanceId: string, reasons: DeferredEntry['reasons']) => ({
  instanceId,
  group: evaluation.group.name,
  reasons,
});

/** Gives back what the surge added (only if the desired capacity is still at least what it set) and deletes the tag. */
function rollBack(evaluation: GroupEvaluation, state: SurgeState, deferred: DeferredEntry[]): SurgeStep {
  const group = evaluation.group;
  const giveBack = group.desiredCapacity >= state.desiredCapacity;
  const desiredCapacity = giveBack ? Math.max(group.minSize, group.desiredCapacity - state.added) : group.desiredCapacity;
  const change: CapacityChange = { group: group.name, action: 'rolled-back', desiredCapacity, fromDesiredCapacity: group.desiredCapacity, instanceIds: state.instanceIds, surgeTag: null, setDesiredCapacity: giveBack };
  const message = `surge started ${new Date(state.startedAt).toISOString()} did not complete in time; rolled back`;
  return { terminations: [], deferred, change, error: { group: group.name, message } };
}

/**
 * A group with a surge under way: complete it once the added capacity serves (terminate the listed
 * instances, giving back what was added); otherwise wait, and roll it back once it is too old.
 */
export function planSurgeInProgress(
  evaluation: GroupEvaluation,
  state: SurgeState,
  gates: GroupGates | undefined,
  context: { readonly now: number; readonly timeoutMs: number; readonly runBudgetLeft: number },
): SurgeStep {
  const group = evaluation.group;
  const hold = (why: DeferredEntry['why']): DeferredEntry[] =>
    evaluation.due.map((due) => ({ ...entry(evaluation, due.instanceId, due.reasons), why: instanceHold(due, evaluation) ?? why }));

  const waiting = !isGroupStable(group, gates) || group.desiredCapacity < state.desiredCapacity;
  const listed = new Set(state.instanceIds);
  const ready = evaluation.due.filter((due) => listed.has(due.instanceId) && instanceHold(due, evaluation) === undefined);
  const why = groupHold(evaluation, gates, waiting) ?? (ready.length > context.runBudgetLeft ? 'run-budget' : undefined);
  if (why !== undefined && context.now - state.startedAt > context.timeoutMs) return rollBack(evaluation, state, hold('surge-pending'));
  if (why !== undefined) return { terminations: [], deferred: hold(why) };

  const readyIds = new Set(ready.map((due) => due.instanceId));
  const terminations = ready.map((due) => ({ ...entry(evaluation, due.instanceId, due.reasons), decrementDesiredCapacity: true }));
  const deferred = evaluation.due
    .filter((due) => !readyIds.has(due.instanceId))
    .map((due) => ({ ...entry(evaluation, due.instanceId, due.reasons), why: instanceHold(due, evaluation) ?? ('surge-pending' as const) }));
  const change: CapacityChange = {
    group: group.name,
    action: 'completed',
    desiredCapacity: Math.max(group.minSize, group.desiredCapacity - state.added),
    fromDesiredCapacity: group.desiredCapacity,
    instanceIds: [...readyIds],
    surgeTag: null,
    setDesiredCapacity: true,
  };
  return { terminations, deferred, change };
}
