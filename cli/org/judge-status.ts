import type { DeferredEntry, RunReport, TerminatedEntry, UnmanagedEntry } from '../../lambda/model/report';
import { STALE_AMI_REASONS } from '../../lambda/policy/evaluate-fleet';
import type { StatusData } from '../commands/status-command';
import { DEFAULT_INTERVAL_MS, rateMs } from '../forecast/schedule-interval';
import { formatCounts, formatErrorCodes } from '../format-report';
import type { RunFailure } from './latest-run-failure';
import type { OrgState, StatusFigures } from './org-row';

/** A run counts as missing after this many schedule intervals without a report (a late run is not yet a problem). */
export const MISSED_RUNS = 2;
/** A cron schedule has no single interval: a day without a report counts as missing. */
const NON_RATE_INTERVAL_MS = 86_400_000;

type DueEntry = TerminatedEntry | DeferredEntry | UnmanagedEntry;

/**
 * What the latest run left due: what it deferred and the unmanaged instances it reported, plus, in a dry run, what it
 * would have terminated. What a real run terminated is on its way out and is replaced by the group.
 */
export function leftDue(report: RunReport): DueEntry[] {
  return [...(report.dryRun ? report.terminated : []), ...report.deferred, ...report.unmanaged];
}

function figures(report: RunReport, time: string): StatusFigures {
  const due = leftDue(report);
  const { instances } = report.scanned;
  const ages = due.flatMap((entry) => report.details[entry.instanceId]?.ageDays ?? []);
  return {
    instances,
    withinPolicyPercent: instances === 0 ? 100 : Math.round(((instances - Math.min(due.length, instances)) / instances) * 10000) / 100,
    ...(ages.length > 0 ? { oldestDueAgeDays: Math.round(ages.reduce((oldest, age) => Math.max(oldest, age), 0) * 10) / 10 } : {}),
    lastRun: time,
  };
}

const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

/** `12 instances past lifetime, 3 on stale AMIs, deferred: group-budget 10, 1 unmanaged`. */
function dueWhy(report: RunReport): string[] {
  const due = leftDue(report);
  if (due.length === 0) return [];
  const pastLifetime = due.filter((entry) => entry.reasons.includes('max-age')).length;
  const staleAmi = due.filter((entry) => entry.reasons.some((reason) => STALE_AMI_REASONS.has(reason))).length;
  const other = due.length - due.filter((entry) => entry.reasons.includes('max-age') || entry.reasons.some((reason) => STALE_AMI_REASONS.has(reason))).length;
  return [
    [
      pastLifetime > 0 ? `${plural(pastLifetime, 'instance')} past lifetime` : '',
      staleAmi > 0 ? `${plural(staleAmi, 'instance')} on stale AMIs` : '',
      other > 0 ? `${plural(other, 'instance')} requested for rotation` : '',
    ]
      .filter(Boolean)
      .join(', '),
    ...(report.deferred.length > 0 ? [`deferred: ${formatCounts(report.deferred, (entry) => entry.why)}`] : []),
    ...(report.unmanaged.length > 0 ? [`${plural(report.unmanaged.length, 'unmanaged instance')} (in no group)`] : []),
    ...(report.dryRun && report.terminated.length > 0 ? ['dry run: nothing is terminated'] : []),
  ];
}

/** `less than a minute`, `45 minutes`, `2 hours`, `3 days`. */
export function describeDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 120) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? plural(hours, 'hour') : plural(Math.floor(hours / 24), 'day');
}

/** Twice the longest rate among the schedules; the construct's 15 minutes when none is readable as a rate. */
function missingAfterMs(status: StatusData): number {
  const rates = status.schedules.map((schedule) => rateMs(schedule.expression));
  if (rates.length === 0) return MISSED_RUNS * DEFAULT_INTERVAL_MS;
  return MISSED_RUNS * Math.max(...rates.map((rate) => rate ?? NON_RATE_INTERVAL_MS));
}

function runWhy(status: StatusData, failure: RunFailure | undefined, now: number): string[] {
  const why: string[] = [];
  if (failure) why.push(`last run failed (${failure.message.slice(0, 120)})`);
  const { latest } = status;
  if (!latest) why.push('no run report in 14 days');
  else if (now - Date.parse(latest.time) > missingAfterMs(status)) why.push(`no run for ${describeDuration(now - Date.parse(latest.time))}`);
  if (latest && latest.report.errors.length > 0) why.push(`last run reported ${plural(latest.report.errors.length, 'error')} (${formatErrorCodes(latest.report)})`);
  return why;
}

function pausedWhy(status: StatusData): string[] {
  if (status.state === 'running') return [];
  const scheduleOff = status.schedules.every((rule) => rule.state === 'DISABLED');
  if (status.state === 'paused') return ['paused: schedule disabled, reserved concurrency 0'];
  return [scheduleOff ? 'partly paused: schedule disabled' : 'partly paused: reserved concurrency 0'];
}

export interface StatusVerdict {
  readonly state: OrgState;
  readonly why: readonly string[];
  readonly figures?: StatusFigures;
}

/**
 * The rule `status --org` applies to what `status` reads (documented in the usage text): paused when the schedule is
 * disabled or the concurrency is 0; otherwise out of policy when the latest run left instances due, reported errors,
 * failed after its latest report, or no report was logged for two schedule intervals; otherwise in policy.
 */
export function judgeStatus(status: StatusData, failure: RunFailure | undefined, now: number): StatusVerdict {
  const report = status.latest?.report;
  const problems = [...runWhy(status, failure, now), ...(report ? dueWhy(report) : [])];
  const paused = pausedWhy(status);
  const state: OrgState = paused.length > 0 ? 'paused' : problems.length > 0 ? 'out of policy' : 'in policy';
  return { state, why: [...paused, ...problems], ...(status.latest ? { figures: figures(status.latest.report, status.latest.time) } : {}) };
}
