import type { RunReport } from '../../lambda/model/report';

const PAD = ' '.repeat(18);

/** `Mon 23 Nov`, in UTC or the given IANA zone. */
export function formatDay(at: number, timeZone = 'UTC'): string {
  return new Date(at).toLocaleDateString('en-GB', { weekday: 'short', day: '2-digit', month: 'short', timeZone }).replace(',', '');
}

/** `Mon 23 Nov 01:00`, in UTC or the given IANA zone (a maintenance window's wall clock). */
export function formatTime(at: number, timeZone = 'UTC'): string {
  const clock = new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  return `${formatDay(at, timeZone)} ${clock}`;
}

/** Deferrals counted by group and why, e.g. `payments 3 exempt · web 1 protected`. */
export function heldSummary(report: RunReport): string {
  const counts = new Map<string, number>();
  for (const entry of report.deferred) {
    const key = `${entry.group} ${entry.why}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => key.replace(' ', ` ${count} `)).join(' · ');
}

function terminatedLines(report: RunReport): string[] {
  const verb = report.dryRun ? 'would go' : 'terminated';
  return report.terminated.map((entry) => {
    const age = report.details[entry.instanceId]?.ageDays;
    return `${verb.padEnd(11)}${entry.instanceId} ${entry.group}: ${entry.reasons.join(', ')}${age === undefined ? '' : ` (${age.toFixed(1)} d old)`}`;
  });
}

function surgeLines(report: RunReport): string[] {
  const text = { 'capacity-added': 'capacity added first', completed: 'surge completed', 'rolled-back': 'surge rolled back' } as const;
  return report.surges.map((surge) => `${'surge'.padEnd(11)}${surge.group}: ${text[surge.action]}, desired ${surge.desiredCapacity} (for ${surge.instanceIds.join(', ')})`);
}

/**
 * The timeline lines of one run: what it terminated, surge steps, errors, and what it held back
 * when that changed since `previousHeld`. Empty for a run that did nothing new.
 */
export function formatRun(at: number, report: RunReport, previousHeld: string | undefined): string[] {
  const held = heldSummary(report);
  const lines = [
    ...terminatedLines(report),
    ...surgeLines(report),
    ...report.errors.map((error) => `${'error'.padEnd(11)}${[error.group, error.instanceId].filter(Boolean).join(' ')}: ${error.message}`),
    ...(held !== previousHeld && held !== '' ? [`${'held'.padEnd(11)}${held}`] : []),
  ];
  return lines.map((line, index) => `${index === 0 ? formatTime(at).padEnd(18) : PAD}${line}`);
}
