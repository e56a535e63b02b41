import { DescribeRuleCommand, DisableRuleCommand, EnableRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetFunctionConcurrencyCommand, InvokeCommand, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import type { RunReport } from '../../lambda/model/report';
import { CommandFailedError } from '../errors';
import type { CliClients } from './cli-clients';
import type { Deployment } from './find-deployment';

/** The construct's reserved concurrency: one run at a time, so runs never overlap. `resume` restores it. */
export const RUNNING_CONCURRENCY = 1;

/**
 * Runs the function once and returns its report; the empty event means the configured policy. A run
 * already under way makes Lambda refuse (concurrency 1); the SDK retries that as throttling.
 */
export async function invokeFunction(clients: CliClients, functionName: string, event: unknown = {}): Promise<RunReport> {
  const payload = Buffer.from(JSON.stringify(event));
  const response = await clients.lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: payload }));
  const answer = response.Payload ? Buffer.from(response.Payload).toString('utf8') : '';
  if (response.FunctionError) throw new CommandFailedError(`${functionName} failed: ${answer}`);
  return JSON.parse(answer) as RunReport;
}

/**
 * Stops or restarts everything at once. Concurrency goes first on pause (so nothing, scheduled or
 * manual, can start once the command returns) and first on resume (so the first scheduled run is accepted).
 */
export async function setPaused(clients: CliClients, deployment: Deployment, paused: boolean): Promise<void> {
  const concurrency = paused ? 0 : RUNNING_CONCURRENCY;
  await clients.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: deployment.functionName, ReservedConcurrentExecutions: concurrency }));
  for (const name of deployment.ruleNames) {
    await clients.eventBridge.send(paused ? new DisableRuleCommand({ Name: name }) : new EnableRuleCommand({ Name: name }));
  }
}

export interface ScheduleState {
  readonly name: string;
  readonly state: string;
  readonly expression?: string;
}

export async function readSchedules(clients: CliClients, deployment: Deployment): Promise<ScheduleState[]> {
  const schedules: ScheduleState[] = [];
  for (const name of deployment.ruleNames) {
    const rule = await clients.eventBridge.send(new DescribeRuleCommand({ Name: name }));
    schedules.push({ name, state: rule.State ?? 'UNKNOWN', expression: rule.ScheduleExpression });
  }
  return schedules;
}

/** Undefined: no reserved concurrency (the account's unreserved pool). */
export async function readReservedConcurrency(clients: CliClients, functionName: string): Promise<number | undefined> {
  return (await clients.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: functionName }))).ReservedConcurrentExecutions;
}
