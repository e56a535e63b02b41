import type { RunReport } from '../model/report';

/** An instance a surge took out of its group besides the report's `terminated`: capacity given back, or a rollback's removal. */
export interface SurgeRemoval {
  readonly instanceId: string;
  readonly group: string;
  readonly action: 'completed' | 'rolled-back';
}

/**
 * Every instance the run's surges removed (or would, in a dry run) that `terminated` does not list: the added instances
 * a completion gives back and those a rollback removes. A completion's replaced instances are in `terminated` already.
 */
export function surgeRemovals(report: RunReport): SurgeRemoval[] {
  return report.surges.flatMap((surge): SurgeRemoval[] => {
    if (surge.action === 'completed') return (surge.givenBack ?? []).map((instanceId) => ({ instanceId, group: surge.group, action: 'completed' }));
    if (surge.action === 'rolled-back') return surge.instanceIds.map((instanceId) => ({ instanceId, group: surge.group, action: 'rolled-back' }));
    return [];
  });
}

/** Every instance the run terminated (or would), surge removals included: the `Terminated` metric and the summaries count this. */
export const terminationCount = (report: RunReport): number => report.terminated.length + surgeRemovals(report).length;
