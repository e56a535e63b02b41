import type { CliIo } from './cli-io';
import { CommandFailedError, UsageError } from './errors';
import { EXIT_CODES, type ExitCode } from './exit-codes';
import type { CliOptions } from './parse-cli-args';
import { explainSetupError } from './setup-errors';

/** Our own errors speak for themselves; AWS errors read best with their code ("AccessDeniedException: User ... is not authorized"). */
const OWN_ERRORS = new Set(['Error', 'CommandFailedError', 'DeploymentNotFoundError', 'InvalidInputError', 'FleetReadError']);

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return OWN_ERRORS.has(error.name) ? error.message : `${error.name}: ${error.message}`;
}

/** What failed, as `--json` gives it on stdout: a script reading the output learns the cause and the fix, not only the exit code. */
export interface FailureDocument {
  readonly error: { readonly message: string; readonly fix?: string; readonly exitCode: ExitCode };
}

/**
 * Writes what went wrong to stderr, with the fix where there is one, and returns the exit code; with `--json`, the same
 * as one JSON document on stdout. A command that failed after changing something (CommandFailedError) keeps its
 * message, which says what did change, and gets the fix below it.
 */
export function reportFailure(error: unknown, io: CliIo, options?: CliOptions): ExitCode {
  const failed = (text: string, exitCode: ExitCode, document: FailureDocument['error']): ExitCode => {
    io.stderr.write(text);
    if (options?.json) io.stdout.write(`${JSON.stringify({ error: document } satisfies FailureDocument, null, 2)}\n`);
    return exitCode;
  };
  if (error instanceof UsageError) {
    return failed(`instance-reaper: ${error.message}\nRun 'instance-reaper help' for usage.\n`, EXIT_CODES.usage, { message: error.message, exitCode: EXIT_CODES.usage });
  }
  const setup = options && !options.local ? explainSetupError(error, { profile: options.profile, region: options.region, env: io.env }) : undefined;
  if (setup && error instanceof CommandFailedError) {
    return failed(`instance-reaper: ${error.message}\n${setup.problem}: ${setup.fix}.\n`, EXIT_CODES.failure, { message: `${error.message} ${setup.problem}`, fix: setup.fix, exitCode: EXIT_CODES.failure });
  }
  if (setup) {
    return failed(`instance-reaper: ${setup.problem}: ${setup.fix}; nothing was changed.\n`, setup.code, { message: setup.problem, fix: setup.fix, exitCode: setup.code });
  }
  return failed(`instance-reaper: ${describe(error)}\n`, EXIT_CODES.failure, { message: describe(error), exitCode: EXIT_CODES.failure });
}
