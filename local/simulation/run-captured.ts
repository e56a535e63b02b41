import type { RunReport } from '../../lambda/model/report';
import { assembleReport, readReportLine } from '../../lambda/report/assemble-report';
import { GROUP_PROPERTY, METRIC } from '../../lambda/report/metric-names';
import { captureStdout } from './capture-stdout';

export type LogLine = Record<string, unknown>;

export interface CapturedRun {
  readonly report?: RunReport;
  /** The handler's error message when it threw. */
  readonly error?: string;
  /** What the function wrote: Powertools log lines and EMF metric lines, parsed. */
  readonly lines: readonly LogLine[];
}

export type Handler = (event: unknown) => Promise<unknown>;

/** The lines of a log text that are JSON objects (Powertools log lines, EMF metric lines), parsed. */
export function parseLogLines(text: string): LogLine[] {
  return text.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });
}

/**
 * The run's report: the response, or when the function summarised it for its size, the whole report
 * reassembled from the `run report` lines it logged under the response's run ID.
 */
function wholeReport(response: RunReport, lines: readonly LogLine[]): RunReport {
  const { truncated } = response;
  if (!truncated) return response;
  const parts = lines.flatMap((line) => readReportLine(line) ?? []).filter((part) => part.runId === truncated.runId);
  return assembleReport(parts) ?? response;
}

/** Runs the bundled handler in this process, keeping what it writes to stdout instead of printing it. */
export async function runCaptured(handler: Handler, event: unknown): Promise<CapturedRun> {
  try {
    const { result, written } = await captureStdout(() => handler(event));
    const lines = parseLogLines(written);
    return { report: wholeReport(result as RunReport, lines), lines };
  } catch (error) {
    const written = (error as { written?: string }).written ?? '';
    return { error: error instanceof Error ? error.message : String(error), lines: parseLogLines(written) };
  }
}

export interface FleetFigures {
  readonly OldestInstanceAgeDays: number;
  readonly InstancesPastLifetime: number;
  readonly InstancesOnStaleAmi: number;
  readonly FleetWithinPolicyPercent: number;
}

/** The account-wide freshness figures the function published as EMF (the run's line, the one naming no group). */
export function fleetFigures(run: CapturedRun): FleetFigures | undefined {
  const line = run.lines.find((entry) => '_aws' in entry && METRIC.fleetWithinPolicyPercent in entry && !(GROUP_PROPERTY in entry));
  return line as unknown as FleetFigures | undefined;
}
