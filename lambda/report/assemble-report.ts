import type { RunReport } from '../model/report';
import { REPORT_LISTS, RUN_REPORT_MESSAGE, reportCounts, type ReportLine } from './report-lines';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A logged `run report` line (a parsed Powertools line) as a part of a run's report, or undefined when it is not one. */
export function readReportLine(line: unknown): ReportLine | undefined {
  if (!isRecord(line) || line.message !== RUN_REPORT_MESSAGE) return undefined;
  const { runId, part, parts, header, entries } = line;
  if (typeof runId !== 'string' || typeof part !== 'number' || typeof parts !== 'number') return undefined;
  if (part === 1 ? !isRecord(header) : !isRecord(entries)) return undefined;
  return line as unknown as ReportLine;
}

/**
 * The run's report from its logged parts (all of one run), or undefined while any part is missing, a part is
 * of another run, or the entries do not add up to the header's counts.
 */
export function assembleReport(lines: readonly ReportLine[]): RunReport | undefined {
  const header = lines.find((line) => line.part === 1)?.header;
  const first = lines[0];
  if (!header || !first) return undefined;
  const byPart = new Map(lines.map((line) => [line.part, line]));
  if (lines.some((line) => line.runId !== first.runId || line.parts !== first.parts) || byPart.size !== first.parts) return undefined;
  const report = {
    dryRun: header.dryRun,
    scanned: header.scanned,
    terminated: [] as unknown[],
    deferred: [] as unknown[],
    unmanaged: [] as unknown[],
    errors: [] as unknown[],
    details: {} as Record<string, unknown>,
    surges: [] as unknown[],
  };
  for (let part = 2; part <= first.parts; part += 1) {
    const entries = byPart.get(part)?.entries;
    if (!entries) return undefined;
    for (const list of REPORT_LISTS) report[list].push(...(entries[list] ?? []));
    Object.assign(report.details, entries.details);
  }
  const assembled = report as unknown as RunReport;
  return JSON.stringify(reportCounts(assembled)) === JSON.stringify(header.counts) ? assembled : undefined;
}
