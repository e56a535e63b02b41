import { createCliClients, type CallObserver, type Connection } from './aws/cli-clients';
import { processIo, type CliIo } from './cli-io';
import type { CommandContext } from './command-context';
import { localCommand } from './commands/local-command';
import { pauseCommand } from './commands/pause-command';
import { planCommand } from './commands/plan-command';
import { rotateCommand } from './commands/rotate-command';
import { statusCommand } from './commands/status-command';
import { unblockCommand } from './commands/unblock-command';
import { reportFailure } from './describe-failure';
import { EXIT_CODES, type ExitCode } from './exit-codes';
import { forecastOptions } from './forecast/forecast-options';
import { withLocalAccount } from './local/with-local-account';
import { orgPlanCommand, orgStatusCommand, type OrgContext } from './org/org-command';
import { createOutput } from './output';
import { overridesFromOptions, validateOverrides } from './overrides-event';
import { parseCliArgs, type CliArgs, type CliOptions, type Command } from './parse-cli-args';
import { rotationRequest } from './rotation-request';
import { USAGE } from './usage';

type AwsCommand = Exclude<Command, 'help' | 'local'>;

const RUN: Readonly<Record<AwsCommand, (context: CommandContext) => Promise<ExitCode>>> = {
  plan: planCommand,
  rotate: rotateCommand,
  unblock: unblockCommand,
  pause: (context) => pauseCommand(context, true),
  resume: (context) => pauseCommand(context, false),
  status: statusCommand,
};

/** Checks that need no AWS, run before connecting: bad arguments change nothing, not even a new local account file. */
const VALIDATE: Partial<Readonly<Record<AwsCommand, (options: CliOptions) => unknown>>> = {
  plan: (options) => [validateOverrides(overridesFromOptions(options)), forecastOptions(options)],
  rotate: (options) => rotationRequest(options),
  unblock: (options) => rotationRequest(options, 'unblock'),
};

/** `status --org` and `plan --org` (the parser takes --org for those two only). */
const RUN_ORG: Readonly<Partial<Record<AwsCommand, (context: OrgContext) => Promise<ExitCode>>>> = {
  status: orgStatusCommand,
  plan: orgPlanCommand,
};

/** The same command against AWS (operator's credentials) or, with --local, against the local account. */
async function runFleetCommand(args: CliArgs, io: CliIo, command: AwsCommand): Promise<ExitCode> {
  VALIDATE[command]?.(args.options);
  const calls: CallObserver = {};
  const output = createOutput(io, args.options.json);
  const org = args.options.org ? RUN_ORG[command] : undefined;
  if (org) return org({ io, options: args.options, output, connection: { region: args.options.region, profile: args.options.profile } });
  const run = (connection: Connection) => RUN[command]({ io, options: args.options, clients: createCliClients(connection, calls), calls, output });
  if (!args.options.local) return run({ region: args.options.region, profile: args.options.profile });
  return withLocalAccount(io, run);
}

async function dispatch(args: CliArgs, io: CliIo): Promise<ExitCode> {
  if (args.command === 'help' || args.options.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_CODES.ok;
  }
  if (args.command === 'local') {
    return localCommand(args, io, createOutput(io, args.options.json));
  }
  return runFleetCommand(args, io, args.command);
}

/** Runs one command line and returns its exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  let args: CliArgs | undefined;
  try {
    args = parseCliArgs(argv);
    return await dispatch(args, io);
  } catch (error) {
    return reportFailure(error, io, args?.options);
  }
}

/** The process entry point (bin/instance-reaper.js). */
export function main(): void {
  void runCli(process.argv.slice(2)).then((code) => {
    // Exit once stdout has drained, so a piped report is never cut short, and idle SDK sockets cannot hold the process open.
    process.stdout.write('', () => process.exit(code));
  });
}

if (require.main === module) main();
