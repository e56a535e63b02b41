import { DescribeStacksCommand, paginateDescribeStacks, type Stack } from '@aws-sdk/client-cloudformation';
import { ListRuleNamesByTargetCommand } from '@aws-sdk/client-eventbridge';
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { DeploymentNotFoundError } from '../errors';
import type { CliClients } from './cli-clients';

/** The stack name `npx cdk deploy` uses without a target. */
export const DEFAULT_STACK = 'InstanceReaper';

/** A deployed reaper, as the CLI drives it. */
export interface Deployment {
  readonly stackName?: string;
  readonly functionName: string;
  readonly functionArn: string;
  /** The configured policy: the function's environment variables. */
  readonly environment: Readonly<Record<string, string>>;
  readonly logGroupName: string;
  /** The schedule: the stack's rule, or every rule that targets the function. */
  readonly ruleNames: readonly string[];
  readonly blockedAmisParameterName?: string;
}

export interface DeploymentTarget {
  readonly stack?: string;
  readonly functionName?: string;
  /** The local account (`--local`): a stack not found is not a matter of --region or --profile there. */
  readonly local?: boolean;
}

interface StackOutputs {
  readonly stackName: string;
  readonly functionName?: string;
  readonly ruleName?: string;
  readonly blockedAmisParameterName?: string;
}

/** CDK names an output after its construct path plus an 8-character hash (`ReaperFunctionNameB8E102F1`); match the name it was given. */
function output(stack: Stack, name: string): string | undefined {
  return stack.Outputs?.find((entry) => (entry.OutputKey ?? '').replace(/[0-9A-F]{8}$/, '').endsWith(name))?.OutputValue;
}

function stackOutputs(stack: Stack): StackOutputs {
  return {
    stackName: stack.StackName ?? '',
    functionName: output(stack, 'FunctionName'),
    ruleName: output(stack, 'ScheduleRuleName'),
    blockedAmisParameterName: output(stack, 'BlockedAmisParameterName'),
  };
}

const isMissingStack = (error: unknown): boolean => error instanceof Error && /does not exist/i.test(error.message);

async function describeStack(clients: CliClients, name: string): Promise<Stack | undefined> {
  try {
    return (await clients.cloudFormation.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
  } catch (error) {
    if (isMissingStack(error)) return undefined;
    throw error;
  }
}

/** Without --stack and with no stack of the default name: the one reaper stack in the region, if there is exactly one (e.g. `InstanceReaper-prod-eu`). */
async function discoverStack(clients: CliClients): Promise<StackOutputs> {
  const found: StackOutputs[] = [];
  for await (const page of paginateDescribeStacks({ client: clients.cloudFormation }, {})) {
    for (const stack of page.Stacks ?? []) {
      const outputs = stackOutputs(stack);
      if (outputs.functionName && outputs.ruleName && stack.StackStatus !== 'DELETE_COMPLETE') found.push(outputs);
    }
  }
  const [only] = found;
  if (found.length === 1 && only) return only;
  if (found.length === 0) throw new DeploymentNotFoundError(`no instance-reaper stack found (looked for ${DEFAULT_STACK} and any stack with its outputs); pass --stack NAME or --function NAME`);
  throw new DeploymentNotFoundError(`several instance-reaper stacks found: ${found.map((stack) => stack.stackName).join(', ')}; choose one with --stack NAME`);
}

async function findStack(clients: CliClients, name: string | undefined, local: boolean): Promise<StackOutputs> {
  const stack = await describeStack(clients, name ?? DEFAULT_STACK);
  if (!stack) {
    if (name !== undefined) throw new DeploymentNotFoundError(`stack ${name} not found${local ? ' in the local account; check --stack' : '; check --stack, --region and --profile'}`);
    return discoverStack(clients);
  }
  const outputs = stackOutputs(stack);
  if (!outputs.functionName) throw new DeploymentNotFoundError(`stack ${outputs.stackName} has no FunctionName output: is it an instance-reaper stack?`);
  return outputs;
}

async function rulesTargeting(clients: CliClients, functionArn: string): Promise<string[]> {
  const response = await clients.eventBridge.send(new ListRuleNamesByTargetCommand({ TargetArn: functionArn }));
  return response.RuleNames ?? [];
}

async function functionConfiguration(clients: CliClients, name: string) {
  try {
    return await clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') throw new DeploymentNotFoundError(`function ${name} not found`, { cause: error });
    throw error;
  }
}

/** Finds the reaper by its stack's outputs (or takes the function's name) and reads the function's configuration. */
export async function findDeployment(clients: CliClients, target: DeploymentTarget): Promise<Deployment> {
  const stack = target.functionName === undefined ? await findStack(clients, target.stack, target.local ?? false) : undefined;
  const config = await functionConfiguration(clients, target.functionName ?? stack?.functionName ?? '');
  const functionName = config.FunctionName ?? '';
  const functionArn = config.FunctionArn ?? '';
  const environment = config.Environment?.Variables ?? {};
  return {
    stackName: stack?.stackName,
    functionName,
    functionArn,
    environment,
    logGroupName: config.LoggingConfig?.LogGroup ?? `/aws/lambda/${functionName}`,
    ruleNames: stack?.ruleName ? [stack.ruleName] : await rulesTargeting(clients, functionArn),
    blockedAmisParameterName: environment.REAPER_BLOCKED_AMIS_PARAMETER ?? stack?.blockedAmisParameterName,
  };
}
