import type { RunReport } from '../model/report';
import { surgeRemovals, terminationCount } from './surge-removals';

/** A short summary for people: sent when instances were terminated or something failed. Undefined when nothing is worth telling. */
export function notificationSummary(report: RunReport): { subject: string; message: string } | undefined {
  const terminated = terminationCount(report);
  if (report.dryRun || (terminated === 0 && report.errors.length === 0)) return undefined;
  const lines = [
    `instance-reaper terminated ${terminated} instance(s), deferred ${report.deferred.length}, errors ${report.errors.length}.`,
    ...report.terminated.map((entry) => `terminated ${entry.instanceId} in ${entry.group}: ${entry.reasons.join(', ')}`),
    ...surgeRemovals(report).map((removal) => `terminated ${removal.instanceId} in ${removal.group}: ${removal.action === 'completed' ? 'capacity a surge added, given back' : 'added by a surge that was rolled back'}`),
    ...report.errors.slice(0, 20).map((error) => [`error ${error.code}`, error.group, error.instanceId].filter(Boolean).join(' ') + `: ${error.message}`),
  ];
  return { subject: `instance-reaper: ${terminated} terminated, ${report.errors.length} errors`, message: lines.join('\n') };
}
