import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createClients, type AwsClients } from './clients';
import { loadEnv, mergeRunPolicy, parseEvent } from './config/load-run-policy';
import type { RunReport } from './model/report';
import { responseReport } from './report/response-report';
import { METRICS_NAMESPACE, SERVICE_NAME } from './report/metric-names';
import { runReaper } from './run-reaper';

const logger = new Logger({ serviceName: SERVICE_NAME });
const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
let clients: AwsClients | undefined;

/** `arn:aws:lambda:REGION:ACCOUNT:function:NAME` -> ACCOUNT. */
const accountOf = (functionArn: string | undefined): string | undefined => functionArn?.split(':')[4] || undefined;

/**
 * EventBridge schedule or manual invocation. Input is validated whole before any AWS call;
 * bad input throws an error naming every bad field, and nothing in the fleet changes. Every line the run logs carries
 * the Lambda context (`function_request_id`, the function's name and ARN; the metrics line the request ID). A run that
 * throws, bad input included, is logged as `run failed` with the error, its `code` and, for bad input, its `issues`.
 */
export async function handler(event: unknown, context?: { readonly invokedFunctionArn?: string; readonly awsRequestId?: string }): Promise<RunReport> {
  if (context) logger.addContext(context);
  // The metrics' EMF line is written by Metrics, not the logger: it names the request under the logger's key.
  if (context?.awsRequestId) metrics.addMetadata('function_request_id', context.awsRequestId);
  const runId = context?.awsRequestId ?? randomUUID();
  try {
    const settings = mergeRunPolicy(loadEnv(process.env), parseEvent(event));
    clients ??= createClients();
    const report = await runReaper({ clients, settings, now: Date.now(), logger, metrics, origin: { account: accountOf(context?.invokedFunctionArn), region: process.env.AWS_REGION }, runId });
    return responseReport(report, runId);
  } catch (error) {
    logger.error('run failed', error as Error);
    throw error;
  }
}
