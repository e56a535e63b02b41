import { paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import type { CliClients } from '../aws/cli-clients';

/** A run that threw (bad input included): the handler logs `run failed` with the error, and no report. */
export interface RunFailure {
  readonly time: string;
  readonly message: string;
}

const FAILURE_PATTERN = '{ $.message = "run failed" }';

/** `input-invalid: Invalid invocation: ...`: the error's code (see lambda/model/error-codes.ts) where it has one, else its name. */
function errorMessage(line: string | undefined): string {
  try {
    const parsed = JSON.parse(line ?? '') as { error?: { code?: string; name?: string; message?: string } };
    return [parsed.error?.code ?? parsed.error?.name, parsed.error?.message].filter(Boolean).join(': ') || 'no error message logged';
  } catch {
    return 'no error message logged';
  }
}

/** The latest failed run logged after `since` (the latest report's time), or undefined. */
export async function readLatestRunFailure(clients: CliClients, logGroupName: string, since: number): Promise<RunFailure | undefined> {
  let latest: { at: number; line?: string } | undefined;
  try {
    for await (const page of paginateFilterLogEvents({ client: clients.logs }, { logGroupName, filterPattern: FAILURE_PATTERN, startTime: since + 1 })) {
      for (const event of page.events ?? []) {
        const at = event.timestamp ?? 0;
        if (!latest || at >= latest.at) latest = { at, line: event.message };
      }
    }
  } catch (error) {
    // No log group yet: the function never ran, so it never failed either.
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
  return latest ? { time: new Date(latest.at).toISOString(), message: errorMessage(latest.line) } : undefined;
}
