import { isGroupOfOne } from './capacity';
import type { DueInstance, GroupEvaluation } from '../policy/evaluation';

export interface Candidate {
  readonly due: DueInstance;
  readonly evaluation: GroupEvaluation;
}

/** Emergency reasons first, then oldest first; instance ID breaks ties so the order is stable. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.due.emergency !== b.due.emergency) return a.due.emergency ? -1 : 1;
  if (a.due.ageMs !== b.due.ageMs) return b.due.ageMs - a.due.ageMs;
  return a.due.instanceId < b.due.instanceId ? -1 : a.due.instanceId > b.due.instanceId ? 1 : 0;
}

/** Launch before terminate: a group of one (in its units), the surge tag, or a maintenance policy above 100% asks for it. */
export function wantsSurge(evaluation: GroupEvaluation): boolean {
  const group = evaluation.group;
  return evaluation.settings.surge || isGroupOfOne(group) || (group.maxHealthyPercentage ?? 0) > 100;
}
