import type { RunReport } from '../model/report';

/** A short summary for people: sent when instances were terminated or something failed. Undefined when nothing is worth telling. */
export function notificationSummary(report: RunReport): { subject: string; message: string } | undefined {
  if (report.dryRun || (report.terminated.length === 0 && report.errors.length === 0)) return undefined;
  const lines = [
    `instance-reaper terminated ${report.terminated.length} instance(s), deferred ${report.deferred.length}, errors ${report.errors.length}.`,
    ...report.terminated.map((entry) => `terminated ${entry.instanceId} in ${entry.group}: ${entry.reasons.join(', ')}`),
    ...report.errors.slice(0, 20).map((error) => [`error`, error.group, error.instanceId].filter(Boolean).join(' ') + `: ${error.message}`),
  ];
  return { subject: `instance-reaper: ${report.terminated.length} terminated, ${report.errors.length} errors`, message: lines.join('\n') };
}
