import { isGroupOfOne } from './capacity';
import type { DueInstance, GroupEvaluation } from '../policy/evaluation';

export interface Candidate {
  readonly due: DueInstance;
  readonly evaluation: GroupEvaluation;
}

/** Emergency reasons first, then oldest first; instance ID breaks ties so the order is stable. */
export function compareDue(a: DueInstance, b: DueInstance): number {
  if (a.emergency !== b.emergency) return a.emergency ? -1 : 1;
  if (a.ageMs !== b.ageMs) return b.ageMs - a.ageMs;
  return a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0;
}

/** The order of `compareDue`, for candidates. */
export const compareCandidates = (a: Candidate, b: Candidate): number => compareDue(a.due, b.due);

/** Launch before terminate: a group of one (in its units), the surge tag, or a maintenance policy above 100% asks for it. */
export function wantsSurge(evaluation: GroupEvaluation): boolean {
  const group = evaluation.group;
  return evaluation.settings.surge || isGroupOfOne(group) || (group.maxHealthyPercentage ?? 0) > 100;
}
