import { formatTime } from '../simulation/format-run';
import { STOPPED_AFTER_INTERVALS, type AccountRegionView, type CentralView } from './central-view';

const HOUR_MS = 3_600_000;

const pad = (text: string, width: number) => text.padEnd(width);
const hours = (ms: number) => `${Math.round(ms / HOUR_MS)} h`;
const deferred = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((sum, count) => sum + count, 0);

/** An account as the reader knows it: `staging 444444444444`. */
export type AccountNames = Readonly<Record<string, string>>;

const who = (names: AccountNames, account: string) => `${names[account] ?? '?'} ${account}`;

function accountRow(view: AccountRegionView, names: AccountNames, now: number): string {
  const head = `  ${pad(who(names, view.account), 24)}${pad(view.region, 11)}`;
  const run = view.lastRun;
  if (!run || view.lastReportAt === undefined) return `${head}never reported`;
  const figures = [
    pad(`${hours(now - view.lastReportAt)} ago`, 9),
    pad(`${run.freshness.fleetWithinPolicyPercent.toFixed(1)}%`, 8),
    pad(`${run.freshness.oldestInstanceAgeDays.toFixed(1)} d`, 9),
    pad(String(run.terminated), 6),
    pad(String(deferred(run.deferred)), 6),
    pad(String(run.errors), 6),
    view.stopped ? 'STOPPED' : run.dryRun ? 'dry run' : '',
  ];
  return (head + figures.join('')).trimEnd();
}

/** The central view as text: one row per account and region, then the stalest groups, runs with errors and silences. */
export function formatCentralView(view: CentralView, names: AccountNames, scheduleIntervalMs: number): string[] {
  const stale = view.stalestGroups.slice(0, 5).map((group) => `${names[group.account] ?? group.account}/${group.group} ${group.fleetWithinPolicyPercent}% (${group.oldestInstanceAgeDays.toFixed(0)} d)`);
  const codes = view.errorsByCode.slice(0, 5).map((row) => `${row.code} ${row.errors} in ${row.runs} run${row.runs === 1 ? '' : 's'} (${who(names, row.account)} ${row.region})`);
  const errors = view.runsWithErrors.slice(0, 3).map((run) => `${who(names, run.account)} ${formatTime(run.at)}: ${run.errors} (${run.firstError ?? 'no message'})`);
  const stopped = view.stoppedReporting.map((row) =>
    row.lastReportAt === undefined ? `${who(names, row.account)} ${row.region}: never reported` : `${who(names, row.account)} ${row.region}: silent ${hours(view.now - row.lastReportAt)}, last summary ${formatTime(row.lastReportAt)}`,
  );
  return [
    `Central view at ${formatTime(view.now)} UTC (stopped = no summary for more than ${STOPPED_AFTER_INTERVALS} intervals, ${hours(STOPPED_AFTER_INTERVALS * scheduleIntervalMs)})`,
    `  ${pad('account', 24)}${pad('region', 11)}${pad('last', 9)}${pad('within', 8)}${pad('oldest', 9)}${pad('term', 6)}${pad('defer', 6)}${pad('errors', 6)}`,
    ...view.accounts.map((row) => accountRow(row, names, view.now)),
    `  stalest groups: ${stale.join(' · ') || 'none'}`,
    `  runs with errors: ${errors.join(' · ') || 'none'}`,
    `  errors by code: ${codes.join(' · ') || 'none'}`,
    `  stopped reporting: ${stopped.join(' · ') || 'none'}`,
  ];
}
