import type { ErrorCode } from '../model/error-codes';
import type { ReportCounts, RunReport } from '../model/report';

/**
 * The message of every line of a run's report, its header and its parts of entries: the one name the CLI's
 * filter, the README's Logs Insights query and the local simulation read.
 */
export const RUN_REPORT_MESSAGE = 'run report';

/**
 * The most bytes of entries on one line. With Powertools' own fields the line stays under 200 KB, well below
 * the ~256 KB at which Lambda splits a stdout line into several CloudWatch events (a split JSON line parses as nothing).
 */
export const REPORT_PART_BYTES = 180_000;

/** The lists of a report that are logged in parts, in the order they are logged. */
export const REPORT_LISTS = ['errors', 'terminated', 'deferred', 'unmanaged', 'surges'] as const;
export type ReportList = (typeof REPORT_LISTS)[number];

/** Part 1 of a run's report: the small fields, how many entries the parts hold, and its errors counted by code. */
export interface ReportHeader {
  readonly dryRun: boolean;
  readonly scanned: RunReport['scanned'];
  readonly counts: ReportCounts;
  /** Only the codes that occurred, e.g. `{ "read-denied": 2 }`: a Logs Insights query counts kinds of error from the header alone. */
  readonly errorsByCode: Partial<Record<ErrorCode, number>>;
}

/** Entries of a run's report: some of its lists' entries and some instances' details. */
export type ReportEntries = Partial<Pick<RunReport, ReportList | 'details'>>;

/** One line of a run's report: part `part` of `parts` (1-based; part 1 is the header), all sharing the run's ID. */
export interface ReportLine {
  readonly runId: string;
  readonly part: number;
  readonly parts: number;
  readonly header?: ReportHeader;
  readonly entries?: ReportEntries;
}

/** The report's errors counted by code, codes in order of first appearance. */
export function errorCodeCounts(report: RunReport): Map<ErrorCode, number> {
  const counts = new Map<ErrorCode, number>();
  for (const { code } of report.errors) counts.set(code, (counts.get(code) ?? 0) + 1);
  return counts;
}

/** How many entries each list of the report holds. */
export function reportCounts(report: RunReport): ReportCounts {
  const { terminated, deferred, unmanaged, errors, surges, details } = report;
  return { terminated: terminated.length, deferred: deferred.length, unmanaged: unmanaged.length, errors: errors.length, surges: surges.length, details: Object.keys(details).length };
}
