import type { ErrorCode } from '../../lambda/model/error-codes';
import { RUN_SUMMARY_SOURCE, type GroupSummary, type RunSummary } from '../../lambda/report/run-summary';

/*
 * The organization's central view, from the run-summary events the central bus stored and a "now": pure. The same figures
 * as the central dashboard's Logs Insights queries (infra/org/central-queries.ts), named after RunSummary's fields.
 * Account and region come from the summary (`detail.account`, `detail.region`) and else from the envelope: the envelope's
 * region is the one the event was put in, which is the bus's, not the sender's, when the function sends by ARN.
 */

/** An account and region is "stopped" after this many schedule intervals without a summary: one late or failed run is not a silence. */
export const STOPPED_AFTER_INTERVALS = 3;
/** As many stalest groups as one summary lists (STALEST_GROUPS_LISTED); 25 organization-wide, as the dashboard's table. */
export const ORG_STALEST_GROUPS_LISTED = 25;
export const RUNS_WITH_ERRORS_LISTED = 50;

/** What the view reads of a stored event: the envelope as EventBridge delivers it. */
export interface SummaryEvent {
  readonly source: string;
  readonly account: string;
  readonly region: string;
  readonly time: string;
  readonly detail: unknown;
}

export interface CentralViewOptions {
  readonly now: number;
  /** The reapers' schedule, in ms: silence is counted in these. */
  readonly scheduleIntervalMs: number;
  readonly stoppedAfterIntervals?: number;
  /** Accounts and regions expected to report (where the reaper is deployed): one that never did is stopped too. */
  readonly expected?: readonly { readonly account: string; readonly region: string }[];
}

export interface AccountRegionView {
  readonly account: string;
  readonly region: string;
  /** The last summary's arrival (epoch ms), undefined when none ever came. */
  readonly lastReportAt?: number;
  readonly summaries: number;
  /** The last run's summary; absent when none ever came. */
  readonly lastRun?: RunSummary;
  readonly stopped: boolean;
}

export interface StaleGroupView extends GroupSummary {
  readonly account: string;
  readonly region: string;
}

export interface RunWithErrors {
  readonly account: string;
  readonly region: string;
  readonly at: number;
  readonly errors: number;
  readonly firstError?: string;
}

/** One kind of error in one account and region: how many, in how many runs. */
export interface ErrorsOfCode {
  readonly code: ErrorCode;
  readonly account: string;
  readonly region: string;
  readonly errors: number;
  readonly runs: number;
}

export interface CentralView {
  readonly now: number;
  /** Least within policy first, then by account and region; those that never reported last. */
  readonly accounts: readonly AccountRegionView[];
  /** From each account and region's last summary: least within policy first, then oldest instance first. */
  readonly stalestGroups: readonly StaleGroupView[];
  /** Newest first. */
  readonly runsWithErrors: readonly RunWithErrors[];
  /** Errors by code per account and region over every summary, most first. */
  readonly errorsByCode: readonly ErrorsOfCode[];
  /** Accounts and regions silent for more than the threshold (or never heard from), longest silent first. */
  readonly stoppedReporting: readonly AccountRegionView[];
  /** Events from the run-summary source whose detail is not a summary: counted, not hidden. */
  readonly unreadable: number;
}

interface Arrival {
  readonly account: string;
  readonly region: string;
  readonly at: number;
  readonly summary: RunSummary;
}

const isSummary = (detail: unknown): detail is RunSummary => {
  const candidate = detail as Partial<RunSummary> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.runAt === 'string' && typeof candidate.freshness === 'object' && Array.isArray(candidate.stalestGroups);
};

const keyOf = (account: string, region: string) => `${account}/${region}`;

function arrivals(events: readonly SummaryEvent[]): { arrivals: Arrival[]; unreadable: number } {
  const read: Arrival[] = [];
  let unreadable = 0;
  for (const event of events) {
    if (event.source !== RUN_SUMMARY_SOURCE) continue;
    const at = Date.parse(event.time);
    if (!isSummary(event.detail) || Number.isNaN(at)) {
      unreadable += 1;
      continue;
    }
    read.push({ account: event.detail.account ?? event.account, region: event.detail.region ?? event.region, at, summary: event.detail });
  }
  return { arrivals: read.sort((a, b) => a.at - b.at), unreadable };
}

function perAccountRegion(read: readonly Arrival[], options: CentralViewOptions): AccountRegionView[] {
  const silentAfter = (options.stoppedAfterIntervals ?? STOPPED_AFTER_INTERVALS) * options.scheduleIntervalMs;
  const latest = new Map<string, { arrival: Arrival; count: number }>();
  for (const arrival of read) latest.set(keyOf(arrival.account, arrival.region), { arrival, count: (latest.get(keyOf(arrival.account, arrival.region))?.count ?? 0) + 1 });
  const views: AccountRegionView[] = [...latest.values()].map(({ arrival, count }) => ({
    account: arrival.account,
    region: arrival.region,
    lastReportAt: arrival.at,
    summaries: count,
    lastRun: arrival.summary,
    stopped: options.now - arrival.at > silentAfter,
  }));
  for (const { account, region } of options.expected ?? []) {
    if (!latest.has(keyOf(account, region))) views.push({ account, region, summaries: 0, stopped: true });
  }
  const percent = (view: AccountRegionView) => view.lastRun?.freshness.fleetWithinPolicyPercent ?? Number.POSITIVE_INFINITY;
  return views.sort((a, b) => percent(a) - percent(b) || keyOf(a.account, a.region).localeCompare(keyOf(b.account, b.region)));
}

function stalestGroups(accounts: readonly AccountRegionView[]): StaleGroupView[] {
  return accounts
    .flatMap((view) => (view.lastRun?.stalestGroups ?? []).map((group) => ({ ...group, account: view.account, region: view.region })))
    .sort((a, b) => a.fleetWithinPolicyPercent - b.fleetWithinPolicyPercent || b.oldestInstanceAgeDays - a.oldestInstanceAgeDays || a.group.localeCompare(b.group))
    .slice(0, ORG_STALEST_GROUPS_LISTED);
}

function runsWithErrors(read: readonly Arrival[]): RunWithErrors[] {
  return read
    .filter((arrival) => arrival.summary.errors > 0)
    .map(({ account, region, at, summary }) => ({ account, region, at, errors: summary.errors, ...(summary.errorMessages[0] ? { firstError: summary.errorMessages[0] } : {}) }))
    .reverse()
    .slice(0, RUNS_WITH_ERRORS_LISTED);
}

function errorsByCode(read: readonly Arrival[]): ErrorsOfCode[] {
  const tally = new Map<string, { code: ErrorCode; account: string; region: string; errors: number; runs: number }>();
  for (const { account, region, summary } of read) {
    for (const { code, errors } of summary.errorsByCode) {
      const key = `${code} ${keyOf(account, region)}`;
      const row = tally.get(key) ?? { code, account, region, errors: 0, runs: 0 };
      tally.set(key, { ...row, errors: row.errors + errors, runs: row.runs + 1 });
    }
  }
  return [...tally.values()].sort((a, b) => b.errors - a.errors || a.code.localeCompare(b.code) || keyOf(a.account, a.region).localeCompare(keyOf(b.account, b.region)));
}

/** The central view at `now` of every summary the central bus stored. */
export function buildCentralView(events: readonly SummaryEvent[], options: CentralViewOptions): CentralView {
  if (!(options.scheduleIntervalMs > 0)) throw new Error(`central view: scheduleIntervalMs must be a positive number of ms, got ${options.scheduleIntervalMs}`);
  const read = arrivals(events);
  const accounts = perAccountRegion(read.arrivals, options);
  const silence = (view: AccountRegionView) => (view.lastReportAt === undefined ? Number.NEGATIVE_INFINITY : view.lastReportAt);
  return {
    now: options.now,
    accounts,
    stalestGroups: stalestGroups(accounts),
    runsWithErrors: runsWithErrors(read.arrivals),
    errorsByCode: errorsByCode(read.arrivals),
    stoppedReporting: accounts.filter((view) => view.stopped).sort((a, b) => silence(a) - silence(b)),
    unreadable: read.unreadable,
  };
}
