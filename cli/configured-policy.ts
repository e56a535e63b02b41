import type { ReaperEnv } from '../lambda/config/env-schema';
import { loadEnv } from '../lambda/config/load-run-policy';
import { InvalidInputError } from '../lambda/errors';
import { findDeployment, type Deployment } from './aws/find-deployment';
import { deploymentTarget, type CommandContext } from './command-context';
import { CommandFailedError, DeploymentNotFoundError } from './errors';

export interface ConfiguredPolicy {
  readonly env: ReaperEnv;
  /** Where the policy came from, for the operator. */
  readonly source: string;
  readonly deployment?: Deployment;
}

export const describeDeployment = (deployment: Deployment): string =>
  `function ${deployment.functionName}${deployment.stackName ? ` (stack ${deployment.stackName})` : ''}`;

/** The function's environment, validated by the function's own schema: a bad variable would fail every run, so it fails here too. */
export function loadDeployedEnv(deployment: Deployment): ReaperEnv {
  try {
    return loadEnv(deployment.environment);
  } catch (error) {
    if (error instanceof InvalidInputError) throw new CommandFailedError(`${describeDeployment(deployment)} is misconfigured: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * The deployed function's policy. With nothing deployed (and no --stack or --function asking for
 * one), `plan` still works, with the documented defaults, and says so.
 */
export async function readConfiguredPolicy(context: CommandContext): Promise<ConfiguredPolicy> {
  const explicit = context.options.stack !== undefined || context.options.functionName !== undefined;
  try {
    const deployment = await findDeployment(context.clients, deploymentTarget(context.options));
    return { env: loadDeployedEnv(deployment), source: describeDeployment(deployment), deployment };
  } catch (error) {
    if (explicit || !(error instanceof DeploymentNotFoundError)) throw error;
    context.output.note(`No deployed reaper found (${error.message}); planning with the default policy.`);
    return { env: loadEnv({}), source: 'the default policy (no deployed reaper found)' };
  }
}
