import type { ErrorCode } from '../lambda/model/error-codes';
import type { RunError } from '../lambda/model/fleet';
import type { RunReport, SurgeAction } from '../lambda/model/report';
import { formatTable } from './format-table';
import { countBy } from '../lambda/util/count-by';

/** `plan` describes the next run; `done` describes a run that happened. */
export type ReportTense = 'plan' | 'done';

function detailCells(report: RunReport, instanceId: string): [string, string] {
  const detail = report.details[instanceId];
  return [detail ? `${detail.ageDays.toFixed(1)}d` : '?', detail?.imageId ?? '?'];
}

/** One row per listed instance: what goes, then what waits and why, then what is only reported. */
export function reportRows(report: RunReport, tense: ReportTense): string[][] {
  const terminate = tense === 'plan' ? 'terminate' : 'terminated';
  return [
    ...report.terminated.map((entry) => [entry.group, entry.instanceId, ...detailCells(report, entry.instanceId), entry.reasons.join(','), terminate]),
    ...report.deferred.map((entry) => [entry.group, entry.instanceId, ...detailCells(report, entry.instanceId), entry.reasons.join(','), `deferred: ${entry.why}`]),
    ...report.unmanaged.map((entry) => ['(none)', entry.instanceId, ...detailCells(report, entry.instanceId), entry.reasons.join(','), 'unmanaged: report only']),
  ];
}

export function formatReportTable(report: RunReport, tense: ReportTense): string {
  const rows = reportRows(report, tense);
  if (rows.length === 0) return 'No instance is due.';
  return formatTable(['GROUP', 'INSTANCE', 'AGE', 'AMI', 'REASONS', tense === 'plan' ? 'NEXT RUN' : 'RUN'], rows);
}

/** `group-budget 2, cannot-replace 1`: how many items of each key, in order of first appearance. */
export function formatCounts<T>(items: readonly T[], key: (item: T) => string): string {
  return Object.entries(countBy(items, key))
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
}

/**
 * The totals in one line, with the emergency rotation's progress (`emergencyLeft`, the one definition), e.g.
 * `Scanned 3 groups, 12 instances; due 5: terminate 1, deferred 3 (group-budget 3), unmanaged 1; errors 0. Emergency left: 2.`
 */
/** `emergencyLeft` undefined: not known from this report (a request came after it), and not said. */
export function summarizeReport(report: RunReport, tense: ReportTense, emergencyLeft: number | undefined): string {
  // A response summarised for its size lists the first entries only: the totals are the whole report's.
  const counts = report.truncated?.counts ?? { terminated: report.terminated.length, deferred: report.deferred.length, unmanaged: report.unmanaged.length, errors: report.errors.length };
  const due = counts.terminated + counts.deferred + counts.unmanaged;
  const why = report.deferred.length > 0 && !report.truncated ? ` (${formatCounts(report.deferred, (entry) => entry.why)})` : '';
  // A response summarised for its size still lists every error.
  const kinds = report.errors.length > 0 ? ` (${formatErrorCodes(report)})` : '';
  return (
    `Scanned ${report.scanned.groups} groups, ${report.scanned.instances} instances; ` +
    `due ${due}: ${tense === 'plan' ? 'terminate' : 'terminated'} ${counts.terminated}, ` +
    `deferred ${counts.deferred}${why}, unmanaged ${counts.unmanaged}; errors ${counts.errors}${kinds}.${emergencyLeft === undefined ? '' : ` Emergency left: ${emergencyLeft}.`}`
  );
}

/** On a response summarised for its size: what it lists, and where the whole report is. */
export function formatTruncation(report: RunReport): string {
  const { truncated } = report;
  if (!truncated) return '';
  const kept = Math.max(report.terminated.length, report.deferred.length, report.unmanaged.length, report.surges.length);
  return `The response lists every error and the first ${kept} entries of each other list; the whole report is in the function's 'run report' log lines of run ${truncated.runId} ('instance-reaper status' reads it).`;
}

/** `read-denied 2, alarm-unknown 1`: the report's errors counted by code. */
export const formatErrorCodes = (report: RunReport): string => formatCounts(report.errors, (error) => error.code);

/** The errors grouped by code, each group under its count, codes in order of first appearance. */
export function formatReportErrors(report: RunReport): string {
  if (report.errors.length === 0) return '';
  const byCode = new Map<ErrorCode, RunError[]>();
  for (const error of report.errors) {
    const listed = byCode.get(error.code) ?? [];
    listed.push(error);
    byCode.set(error.code, listed);
  }
  const groups = [...byCode].map(([code, errors]) => [
    `  ${code} (${errors.length}):`,
    ...errors.map((error) => `    ${[error.group, error.instanceId].filter(Boolean).join(' ') || 'run'}: ${error.message}`),
  ]);
  return `Errors by code:\n${groups.flat().join('\n')}`;
}

const SURGE_STEP: Readonly<Record<string, string>> = {
  'capacity-added': 'add capacity first',
  completed: 'terminate the replaced instances and give the capacity back',
  'rolled-back': 'give back capacity that never served',
};

/** One launch-before-terminate step, e.g. `bastion: add capacity first, desired capacity 2 (i-0abc)`. */
export const describeSurge = (surge: SurgeAction): string =>
  `${surge.group}: ${SURGE_STEP[surge.action] ?? surge.action}, desired capacity ${surge.desiredCapacity} (${surge.instanceIds.join(', ')})` +
  (surge.givenBack?.length ? `, gave back ${surge.givenBack.join(', ')}` : '');

/** Launch-before-terminate steps, which the table's `surge-pending` rows wait for. */
export function formatSurges(report: RunReport, tense: ReportTense): string {
  if (report.surges.length === 0) return '';
  const lines = report.surges.map((surge) => `  ${describeSurge(surge)}`);
  return `Launch before terminate${tense === 'plan' ? ' (next run)' : ''}:\n${lines.join('\n')}`;
}

/** Table, totals, surges and errors: the human form of a report. */
export function formatReport(report: RunReport, tense: ReportTense, emergencyLeft: number): string {
  const optional = [formatSurges(report, tense), formatReportErrors(report), formatTruncation(report)].filter((part) => part !== '');
  return [formatReportTable(report, tense), '', summarizeReport(report, tense, emergencyLeft), ...optional].join('\n');
}
