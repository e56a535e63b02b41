import { paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import type { RunReport } from '../../lambda/model/report';
import { assembleReport, readReportLine } from '../../lambda/report/assemble-report';
import { RUN_REPORT_MESSAGE, type ReportLine } from '../../lambda/report/report-lines';
import type { CliClients } from './cli-clients';

export interface LoggedReport {
  readonly time: string;
  readonly report: RunReport;
}

/** The handler logs each run's report in parts, Powertools JSON lines with this message that name the run. */
const REPORT_PATTERN = `{ $.message = "${RUN_REPORT_MESSAGE}" }`;
/** Look back a little first (a run every 15 minutes leaves few lines), further only when nothing turns up. */
const LOOKBACK_MS = [3_600_000, 86_400_000, 14 * 86_400_000];

interface LoggedRun {
  at: number;
  readonly lines: ReportLine[];
}

function parseLine(message: string | undefined): ReportLine | undefined {
  try {
    return readReportLine(JSON.parse(message ?? ''));
  } catch {
    return undefined;
  }
}

/** The newest run whose parts are all there, reassembled; a run missing a part (still logging, or a line lost) is passed over. */
function newestWhole(runs: ReadonlyMap<string, LoggedRun>): LoggedReport | undefined {
  for (const run of [...runs.values()].sort((a, b) => b.at - a.at)) {
    const report = assembleReport(run.lines);
    if (report) return { time: new Date(run.at).toISOString(), report };
  }
  return undefined;
}

async function latestSince(clients: CliClients, logGroupName: string, startTime: number): Promise<LoggedReport | undefined> {
  const runs = new Map<string, LoggedRun>();
  const pages = paginateFilterLogEvents({ client: clients.logs }, { logGroupName, filterPattern: REPORT_PATTERN, startTime });
  try {
    for await (const page of pages) {
      for (const event of page.events ?? []) {
        const line = parseLine(event.message);
        if (!line) continue;
        const run = runs.get(line.runId) ?? { at: -1, lines: [] };
        run.lines.push(line);
        run.at = Math.max(run.at, event.timestamp ?? 0);
        runs.set(line.runId, run);
      }
    }
  } catch (error) {
    // The log group appears with the first run; before that there is simply no report.
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
  return newestWhole(runs);
}

/** The latest run's report from the function's log group, or undefined when none was logged whole in the last two weeks. */
export async function readLatestReport(clients: CliClients, logGroupName: string, now: number): Promise<LoggedReport | undefined> {
  for (const lookback of LOOKBACK_MS) {
    const found = await latestSince(clients, logGroupName, now - lookback);
    if (found) return found;
  }
  return undefined;
}
