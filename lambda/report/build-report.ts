import type { ExecutionOutcome } from '../model/execution-outcome';
import type { RunReport } from '../model/report';
import type { Plan } from '../plan/plan';

/** The run's report: the plan, with `terminated` replaced by what actually happened. Pure. */
export function buildReport(plan: Plan, outcome: ExecutionOutcome): RunReport {
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
    details: Object.fromEntries(Object.entries(plan.details).filter(([instanceId]) => listed.has(instanceId))),
    surges: outcome.surges,
  };
}
