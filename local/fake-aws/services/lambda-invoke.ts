import { invokeBundle } from '../../invoke-bundle';
import type { FakeAccount } from '../account';
import { AwsError } from '../protocol/aws-error';
import { nextUuid } from '../world';
import type { ControlPlane, FunctionRecord } from './reaper-control-plane';

export interface InvokeOutput {
  readonly payload: string;
  /** `Unhandled` when the handler threw, as Lambda reports it. */
  readonly functionError?: string;
}

/** Reserved concurrency caps invocations under way: 0 refuses every one (a paused reaper), 1 refuses a second while one runs. */
function admit(plane: ControlPlane, fn: FunctionRecord): void {
  const running = plane.running.get(fn.name) ?? 0;
  if (fn.reservedConcurrency !== undefined && running >= fn.reservedConcurrency) {
    throw new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429);
  }
  plane.running.set(fn.name, running + 1);
}

/** Every line the function wrote is one log event, in one stream per invocation, as Lambda records them. */
function recordLogs(account: FakeAccount, plane: ControlPlane, fn: FunctionRecord, requestId: string, logs: string): void {
  const timestamp = account.now();
  const stream = `${new Date(timestamp).toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${requestId.replace(/-/g, '')}`;
  const lines = [`START RequestId: ${requestId} Version: $LATEST`, ...logs.split('\n').filter((line) => line.trim() !== ''), `END RequestId: ${requestId}`];
  for (const message of lines) {
    plane.state.logEvents.push({ logGroupName: fn.logGroupName, logStreamName: stream, timestamp, message, eventId: nextUuid(account.state) });
  }
}

/** Runs the bundled handler in a fresh process with the function's environment, pointed at this fake. */
export async function invokeFunction(account: FakeAccount, plane: ControlPlane, fn: FunctionRecord, payload: string): Promise<InvokeOutput> {
  const runtime = plane.runtime;
  if (!runtime) throw new AwsError('ServiceException', 'fake-aws: no function runtime attached to this account', 500, 'Receiver');
  admit(plane, fn);
  try {
    const requestId = nextUuid(account.state);
    const event: unknown = payload.trim() === '' ? {} : JSON.parse(payload);
    const env = { ...fn.environment, ...runtime.env, AWS_LAMBDA_FUNCTION_NAME: fn.name, AWS_LAMBDA_LOG_GROUP_NAME: fn.logGroupName };
    const invocation = await invokeBundle(runtime.bundlePath(), env, event);
    recordLogs(account, plane, fn, requestId, invocation.logs);
    if (invocation.error !== undefined) {
      return { payload: JSON.stringify({ errorType: 'Error', errorMessage: invocation.error }), functionError: 'Unhandled' };
    }
    return { payload: JSON.stringify(invocation.result ?? null) };
  } finally {
    plane.running.set(fn.name, (plane.running.get(fn.name) ?? 1) - 1);
  }
}
