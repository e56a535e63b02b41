import type { CallObserver, CliClients } from './aws/cli-clients';
import type { DeploymentTarget } from './aws/find-deployment';
import type { CliIo } from './cli-io';
import type { Output } from './output';
import type { CliOptions } from './parse-cli-args';
import { startProgress } from './progress';

/** What a command runs with: its options, AWS clients (real or local), and where its output goes. */
export interface CommandContext {
  readonly io: CliIo;
  readonly options: CliOptions;
  readonly clients: CliClients;
  readonly calls: CallObserver;
  readonly output: Output;
}

/** Runs a long step under the progress indicator (on a terminal only), counting its AWS calls. */
export async function withProgress<T>(context: CommandContext, label: string, work: () => Promise<T>): Promise<T> {
  const progress = startProgress(context.io, label);
  context.calls.listener = () => progress.tick();
  try {
    return await work();
  } finally {
    context.calls.listener = undefined;
    progress.stop();
  }
}

export const deploymentTarget = (options: CliOptions): DeploymentTarget => ({ stack: options.stack, functionName: options.functionName, local: options.local });
