import type { InstanceDetail, RunReport } from '../model/report';
import { reportCounts } from './report-lines';

/**
 * The most bytes of report the function returns: Lambda refuses a synchronous response over 6 MB
 * (6,291,556 bytes), and the caller's JSON may be re-encoded on the way.
 */
export const MAX_RESPONSE_BYTES = 4_000_000;

const byteSize = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** The report with at most `keep` entries in each list (errors whole) and the details of the instances kept. */
function firstEntries(report: RunReport, keep: number, runId: string): RunReport {
  const [terminated, deferred, unmanaged, surges] = [report.terminated.slice(0, keep), report.deferred.slice(0, keep), report.unmanaged.slice(0, keep), report.surges.slice(0, keep)];
  const details: Record<string, InstanceDetail> = {};
  for (const { instanceId } of [...terminated, ...deferred, ...unmanaged]) {
    const detail = report.details[instanceId];
    if (detail) details[instanceId] = detail;
  }
  return { ...report, terminated, deferred, unmanaged, surges, details, truncated: { runId, counts: reportCounts(report) } };
}

/**
 * What the function returns: the report itself when it fits `maxBytes`, else the first entries of each list (every
 * error kept) with `truncated` giving the whole report's counts and the run ID its `run report` log lines carry.
 */
export function responseReport(report: RunReport, runId: string, maxBytes = MAX_RESPONSE_BYTES): RunReport {
  if (byteSize(report) <= maxBytes) return report;
  let keep = Math.max(report.terminated.length, report.deferred.length, report.unmanaged.length, report.surges.length);
  let summary = firstEntries(report, keep, runId);
  while (keep > 0 && byteSize(summary) > maxBytes) {
    keep = Math.floor(keep / 2);
    summary = firstEntries(report, keep, runId);
  }
  return summary;
}
