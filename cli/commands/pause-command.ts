import { findDeployment } from '../aws/find-deployment';
import { RUNNING_CONCURRENCY, setPaused } from '../aws/function-control';
import { deploymentTarget, type CommandContext } from '../command-context';
import { describeDeployment } from '../configured-policy';
import { EXIT_CODES, type ExitCode } from '../exit-codes';

/** `pause` (true) or `resume` (false): the schedule and the function's reserved concurrency together, so nothing runs, manual invocations included. */
export async function pauseCommand(context: CommandContext, paused: boolean): Promise<ExitCode> {
  const deployment = await findDeployment(context.clients, deploymentTarget(context.options));
  await setPaused(context.clients, deployment, paused);
  const concurrency = paused ? 0 : RUNNING_CONCURRENCY;
  const rules = deployment.ruleNames.length > 0 ? deployment.ruleNames.join(', ') : '(no schedule found)';
  const human = paused
    ? `Paused ${describeDeployment(deployment)}: schedule ${rules} disabled, reserved concurrency 0 (every invocation is refused). A run already under way finishes.`
    : `Resumed ${describeDeployment(deployment)}: reserved concurrency ${concurrency}, schedule ${rules} enabled.`;
  context.output.result(human, { function: deployment.functionName, stack: deployment.stackName, paused, reservedConcurrency: concurrency, rules: deployment.ruleNames });
  return EXIT_CODES.ok;
}
