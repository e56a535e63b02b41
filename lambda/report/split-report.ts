import type { InstanceDetail, RunReport } from '../model/report';
import { errorCodeCounts, REPORT_LISTS, REPORT_PART_BYTES, reportCounts, type ReportEntries, type ReportLine, type ReportList } from './report-lines';

type Chunk = { [K in ReportList]?: unknown[] } & { details?: Record<string, InstanceDetail> };

const byteSize = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** The report's entries and details in chunks of at most `partBytes` of JSON each (an entry larger than that gets a chunk of its own). */
function chunkEntries(report: RunReport, partBytes: number): ReportEntries[] {
  const chunks: Chunk[] = [];
  let chunk: Chunk = {};
  let size = 2;
  // An upper bound of an item's bytes in its chunk: the item, a comma, and its list's key, quotes and brackets.
  const add = (key: string, itemBytes: number, put: (into: Chunk) => void): void => {
    const bytes = itemBytes + key.length + 6;
    if (size + bytes > partBytes && size > 2) {
      chunks.push(chunk);
      [chunk, size] = [{}, 2];
    }
    put(chunk);
    size += bytes;
  };
  for (const list of REPORT_LISTS) {
    for (const entry of report[list]) add(list, byteSize(entry), (into) => (into[list] ??= []).push(entry));
  }
  for (const [instanceId, detail] of Object.entries(report.details)) {
    add('details', byteSize(detail) + byteSize(instanceId) + 1, (into) => {
      (into.details ??= {})[instanceId] = detail;
    });
  }
  if (size > 2) chunks.push(chunk);
  return chunks as ReportEntries[];
}

/**
 * The lines a run's report is logged as: a header (part 1) with the run's small fields and counts (errors by code too), then its
 * entries in parts of at most `partBytes`, each line JSON on its own and naming the run and the number of parts.
 */
export function splitReport(report: RunReport, runId: string, partBytes = REPORT_PART_BYTES): ReportLine[] {
  const chunks = chunkEntries(report, partBytes);
  const parts = chunks.length + 1;
  const header = { dryRun: report.dryRun, scanned: report.scanned, counts: reportCounts(report), errorsByCode: Object.fromEntries(errorCodeCounts(report)) };
  return [{ runId, part: 1, parts, header }, ...chunks.map((entries, index) => ({ runId, part: index + 2, parts, entries }))];
}
