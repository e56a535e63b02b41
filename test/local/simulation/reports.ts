import type { RunReport, SurgeAction, TerminatedEntry } from '../../../lambda/model/report';

/** Mon 23 Nov 2026 00:00 UTC, as the simulation starts. */
export const MONDAY = Date.parse('2026-11-23T00:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export const gone = (instanceId: string, group = 'web', reasons: TerminatedEntry['reasons'] = ['max-age']): TerminatedEntry => ({ instanceId, group, reasons });

export const capacityAdded = (group: string, instanceIds: readonly string[], desiredCapacity = 2): SurgeAction => ({ group, action: 'capacity-added', desiredCapacity, instanceIds });

/** A run's report: what it terminated, with 30-day-old details for each, and what else is given. */
export function report(terminated: readonly TerminatedEntry[] = [], extra: Partial<RunReport> = {}): RunReport {
  const details = Object.fromEntries(terminated.map((entry) => [entry.instanceId, { ageDays: 30, lifetimeDays: 28 }]));
  return { dryRun: false, scanned: { groups: 1, instances: 3 }, terminated, deferred: [], unmanaged: [], errors: [], details, surges: [], ...extra };
}
