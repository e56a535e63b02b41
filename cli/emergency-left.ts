import { EMERGENCY_REASONS, type ReasonCode } from '../lambda/model/reasons';
import type { RunReport } from '../lambda/model/report';
import type { FleetEvaluation } from '../lambda/policy/evaluation';

const isEmergency = (reasons: readonly ReasonCode[]): boolean => reasons.some((reason) => EMERGENCY_REASONS.has(reason));

/**
 * The one definition of an emergency rotation's progress, for `status`, `plan`, `rotate` and `local tick`:
 * instances due for an emergency reason (targeted, ami-blocked, rotation-requested) that are still in the
 * fleet and not on their way out. 0 means the emergency rotation is finished.
 *
 * `leaving` are the instances already on their way out: for a run that happened (`status`), those it
 * terminated; for the next run (`plan`), the members already terminating, which it lists as deferred
 * `not-in-service`, since the instances it would terminate itself are still serving now.
 */
export function emergencyLeft(report: RunReport, leaving: ReadonlySet<string>): number {
  return [...report.terminated, ...report.deferred, ...report.unmanaged].filter((entry) => isEmergency(entry.reasons) && !leaving.has(entry.instanceId)).length;
}

/** After a run: what it terminated is on its way out. */
export const emergencyLeftAfterRun = (report: RunReport): number => emergencyLeft(report, new Set(report.terminated.map((entry) => entry.instanceId)));

/** Before the next run: group members already terminating (a previous run's terminations, or anyone's) are on their way out. */
export function terminatingMembers(evaluation: FleetEvaluation): Set<string> {
  const ids = evaluation.groups.flatMap(({ group }) => group.members.filter((member) => member.lifecycleState.startsWith('Terminating')).map((member) => member.instanceId));
  return new Set(ids);
}

export const emergencyLeftBeforeRun = (report: RunReport, evaluation: FleetEvaluation): number => emergencyLeft(report, terminatingMembers(evaluation));
