import { paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import type { RunReport } from '../../lambda/model/report';
import type { CliClients } from './cli-clients';

export interface LoggedReport {
  readonly time: string;
  readonly report: RunReport;
}

/** The handler logs each run's report as one Powertools JSON line with this message. */
const REPORT_PATTERN = '{ $.message = "run report" }';
/** Look back a little first (a run every 15 minutes leaves few lines), further only when nothing turns up. */
const LOOKBACK_MS = [3_600_000, 86_400_000, 14 * 86_400_000];

function parseReport(message: string | undefined): RunReport | undefined {
  try {
    const line = JSON.parse(message ?? '') as { message?: string; report?: RunReport };
    return line.message === 'run report' ? line.report : undefined;
  } catch {
    return undefined;
  }
}

async function latestSince(clients: CliClients, logGroupName: string, startTime: number): Promise<LoggedReport | undefined> {
  let latest: LoggedReport | undefined;
  let latestAt = -1;
  const pages = paginateFilterLogEvents({ client: clients.logs }, { logGroupName, filterPattern: REPORT_PATTERN, startTime });
  try {
    for await (const page of pages) {
      for (const event of page.events ?? []) {
        const report = parseReport(event.message);
        const at = event.timestamp ?? 0;
        if (report && at >= latestAt) [latest, latestAt] = [{ time: new Date(at).toISOString(), report }, at];
      }
    }
  } catch (error) {
    // The log group appears with the first run; before that there is simply no report.
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
  return latest;
}

/** The latest run's report from the function's log group, or undefined when none was logged in the last two weeks. */
export async function readLatestReport(clients: CliClients, logGroupName: string, now: number): Promise<LoggedReport | undefined> {
  for (const lookback of LOOKBACK_MS) {
    const found = await latestSince(clients, logGroupName, now - lookback);
    if (found) return found;
  }
  return undefined;
}
