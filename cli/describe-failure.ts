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

/**
 * Writes what went wrong to stderr, with the fix where there is one, and returns the exit code. A command that failed
 * after changing something (CommandFailedError) keeps its message, which says what did change, and gets the fix below it.
 */
export function reportFailure(error: unknown, io: CliIo, options?: CliOptions): ExitCode {
  if (error instanceof UsageError) {
    io.stderr.write(`instance-reaper: ${error.message}\nRun 'instance-reaper help' for usage.\n`);
    return EXIT_CODES.usage;
  }
  const setup = options && !options.local ? explainSetupError(error, { profile: options.profile, region: options.region, env: io.env }) : undefined;
  if (setup && error instanceof CommandFailedError) {
    io.stderr.write(`instance-reaper: ${error.message}\n${setup.problem}: ${setup.fix}.\n`);
    return EXIT_CODES.failure;
  }
  if (setup) {
    io.stderr.write(`instance-reaper: ${setup.problem}: ${setup.fix}; nothing was changed.\n`);
    return setup.code;
  }
  io.stderr.write(`instance-reaper: ${describe(error)}\n`);
  return EXIT_CODES.failure;
}
