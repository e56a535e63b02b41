import type { DeferralReason } from '../model/reasons';
import type { DueInstance, FleetEvaluation, GroupEvaluation } from '../policy/evaluation';
import type { SurgeRecord } from '../policy/surge-record';
import { orderByKeyDescending } from '../util/sort-by-key';
import { compareCandidates, compareDue, type Candidate } from './candidate';
import { instanceHold } from './holds';

/**
 * Every due instance of the routine groups, with what every plan of a run reads of it worked out once. Lists side by
 * side, read at the same index, rather than an object for each: a large fleet has tens of thousands of due instances.
 */
export interface PlacingQueue {
  /** Group by group, in the evaluation's order. */
  readonly dues: readonly DueInstance[];
  /** The evaluation of each due instance's group. */
  readonly evaluations: readonly GroupEvaluation[];
  /** What holds each due instance itself back (exempt, protected, not InService): the same in every plan. */
  readonly ownHolds: readonly (DeferralReason | undefined)[];
  /** Indices into the lists, in the order the instances are placed. */
  readonly order: Uint32Array;
}

/** A surge under way, in the queue at the place of its most urgent recorded instance (first when none is due any more). */
export interface SurgeInProgress {
  readonly evaluation: GroupEvaluation;
  readonly surge: SurgeRecord;
  readonly lead?: Candidate;
}

/** What a plan needs from the evaluation before any gate is known: the same for every plan of a run. */
export interface PlanOrder {
  readonly routine: readonly GroupEvaluation[];
  readonly surges: readonly SurgeInProgress[];
  readonly queue: PlacingQueue;
}

function surgeInProgress(evaluation: GroupEvaluation, surge: SurgeRecord): SurgeInProgress {
  const listed = new Set(surge.state.instanceIds);
  const recorded = evaluation.due.filter((due) => listed.has(due.instanceId)).map((due) => ({ due, evaluation }));
  return { evaluation, surge, lead: recorded.sort(compareCandidates)[0] };
}

function compareSurges(a: SurgeInProgress, b: SurgeInProgress): number {
  if (!a.lead || !b.lead) return a.lead ? 1 : b.lead ? -1 : 0;
  return compareCandidates(a.lead, b.lead);
}

/** Splits groups into surges under way (their recorded state already checked against the group), in queue order, and the rest. */
function sortGroups(evaluation: FleetEvaluation): { routine: GroupEvaluation[]; surges: SurgeInProgress[] } {
  const routine: GroupEvaluation[] = [];
  const surges: SurgeInProgress[] = [];
  for (const groupEvaluation of evaluation.groups) {
    if (groupEvaluation.surge) surges.push(surgeInProgress(groupEvaluation, groupEvaluation.surge));
    else routine.push(groupEvaluation);
  }
  return { routine, surges: surges.sort(compareSurges) };
}

/** Larger than any age in ms (300 years), so an emergency always sorts before a routine instance. */
const EMERGENCY_FIRST = 1e13;

/** Emergency first, then oldest, as one number: the sort compares it before anything else. */
const urgencyOf = (due: DueInstance): number => (due.emergency ? EMERGENCY_FIRST : 0) + due.ageMs;

// Built group by group, in the evaluation's own order, so each due instance and its member are read while near in
// memory; in the placing order they are visited in an order that jumps across the whole fleet.
function placingQueue(routine: readonly GroupEvaluation[]): PlacingQueue {
  // Sized once: grown by push, each list would be copied over and over on its way to tens of thousands of entries.
  const count = routine.reduce((sum, evaluation) => sum + evaluation.due.length, 0);
  const dues = new Array<DueInstance>(count);
  const evaluations = new Array<GroupEvaluation>(count);
  const ownHolds = new Array<DeferralReason | undefined>(count);
  let position = 0;
  for (const evaluation of routine) {
    for (const due of evaluation.due) {
      dues[position] = due;
      evaluations[position] = evaluation;
      ownHolds[position] = instanceHold(due, evaluation);
      position += 1;
    }
  }
  // By a key computed once each (emergency first, then oldest), not by comparing nested fields a million times; ties
  // fall to the comparator, so the order is exactly compareDue's.
  return { dues, evaluations, ownHolds, order: orderByKeyDescending(dues, urgencyOf, compareDue) };
}

/** The order a run's plans follow. A run plans several times (once per round of gate reads) from one evaluation: its caller works the order out once and passes it to each. */
export function planOrderOf(evaluation: FleetEvaluation): PlanOrder {
  const { routine, surges } = sortGroups(evaluation);
  return { routine, surges, queue: placingQueue(routine) };
}
