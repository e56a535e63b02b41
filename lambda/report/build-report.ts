import type { ExecutionOutcome } from '../model/execution-outcome';
import type { InstanceDetail, RunReport } from '../model/report';
import type { Plan } from '../plan/plan';
import type { DueInstance, FleetEvaluation } from '../policy/evaluation';
import { DAY_MS } from '../policy/instance-age';

const round = (value: number) => Math.round(value * 100) / 100;

function detailOf(due: DueInstance): InstanceDetail {
  return { ageDays: round(due.ageMs / DAY_MS), lifetimeDays: round(due.lifetimeMs / DAY_MS), imageId: due.imageId };
}

/**
 * Age, lifetime and AMI of the listed instances, by ID, in the evaluation's order. Worked out here rather than in the
 * plan: the decision need not build them for every due instance of a fleet, and only listed ones are reported.
 */
function detailsOf(evaluation: FleetEvaluation, listed: ReadonlySet<string>): Record<string, InstanceDetail> {
  const details: Record<string, InstanceDetail> = {};
  const note = (due: DueInstance) => {
    if (listed.has(due.instanceId)) details[due.instanceId] = detailOf(due);
  };
  for (const groupEvaluation of evaluation.groups) groupEvaluation.due.forEach(note);
  evaluation.unmanaged.forEach(note);
  return details;
}

/** The run's report: the plan, with `terminated` replaced by what actually happened, and the listed instances' details from the evaluation it was made from. Pure. */
export function buildReport(plan: Plan, outcome: ExecutionOutcome, evaluation: FleetEvaluation): RunReport {
  const listed = new Set([
    ...outcome.terminated.map((entry) => entry.instanceId),
    ...plan.deferred.map((entry) => entry.instanceId),
    ...plan.unmanaged.map((entry) => entry.instanceId),
  ]);
  return {
    dryRun: plan.dryRun,
    scanned: plan.scanned,
    terminated: outcome.terminated,
    deferred: plan.deferred,
    unmanaged: plan.unmanaged,
    errors: [...plan.errors, ...outcome.errors],
    details: detailsOf(evaluation, listed),
    surges: outcome.surges,
  };
}
