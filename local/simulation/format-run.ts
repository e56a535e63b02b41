import type { RunReport, SurgeAction, TerminatedEntry } from '../../lambda/model/report';

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

/** What to print of one run; by default all of it. */
export interface RunLines {
  /** The terminations to list (a dry run lists each instance once). */
  readonly terminated?: readonly TerminatedEntry[];
  /** The surge steps to list. */
  readonly surges?: readonly SurgeAction[];
  /** What the last printed run held back: the `held` line is printed only when it changed. */
  readonly previousHeld?: string;
  /** Said after a termination, e.g. why a maintenance window did not hold it. */
  readonly noteFor?: (entry: TerminatedEntry) => string | undefined;
}

function terminatedLines(report: RunReport, entries: readonly TerminatedEntry[], noteFor: RunLines['noteFor']): string[] {
  const verb = report.dryRun ? 'would go' : 'terminated';
  return entries.map((entry) => {
    const age = report.details[entry.instanceId]?.ageDays;
    const note = noteFor?.(entry);
    return `${verb.padEnd(11)}${entry.instanceId} ${entry.group}: ${entry.reasons.join(', ')}${age === undefined ? '' : ` (${age.toFixed(1)} d old)`}${note ? `, ${note}` : ''}`;
  });
}

const SURGE_TEXT = {
  done: { 'capacity-added': 'capacity added first, desired', completed: 'surge completed, desired', 'rolled-back': 'surge rolled back, desired' },
  dryRun: { 'capacity-added': 'would add capacity first, desired would be', completed: 'would complete the surge, desired would be', 'rolled-back': 'would roll the surge back, desired would be' },
} as const;

function surgeLines(report: RunReport, surges: readonly SurgeAction[]): string[] {
  const text = report.dryRun ? SURGE_TEXT.dryRun : SURGE_TEXT.done;
  return surges.map((surge) => `${'surge'.padEnd(11)}${surge.group}: ${text[surge.action]} ${surge.desiredCapacity} (for ${surge.instanceIds.join(', ')})`);
}

/**
 * The timeline lines of one run: what it terminated (or would), surge steps, errors, and what it held back
 * when that changed since the last printed run. Empty for a run that did nothing new.
 */
export function formatRun(at: number, report: RunReport, options: RunLines = {}): string[] {
  const held = heldSummary(report);
  const lines = [
    ...terminatedLines(report, options.terminated ?? report.terminated, options.noteFor),
    ...surgeLines(report, options.surges ?? report.surges),
    ...report.errors.map((error) => `${'error'.padEnd(11)}${[error.group, error.instanceId].filter(Boolean).join(' ')}: ${error.message}`),
    ...(held !== options.previousHeld && held !== '' ? [`${'held'.padEnd(11)}${held}`] : []),
  ];
  return lines.map((line, index) => `${index === 0 ? formatTime(at).padEnd(18) : PAD}${line}`);
}
