import type { FakeAccount } from '../account';
import { AwsError } from '../protocol/aws-error';
import type { DecodedCall, FakeService, RawRequest, RawResponse } from '../protocol/service';
import { invokeFunction, type InvokeOutput } from './lambda-invoke';
import { controlPlaneOf, type FunctionRecord } from './reaper-control-plane';

/** Lambda's REST-JSON routes: (method, resource) -> action. The API version in the path differs per action, as on AWS. */
const ROUTES: Readonly<Record<string, string>> = {
  'GET configuration': 'GetFunctionConfiguration',
  'POST invocations': 'Invoke',
  'PUT concurrency': 'PutFunctionConcurrency',
  'GET concurrency': 'GetFunctionConcurrency',
  'DELETE concurrency': 'DeleteFunctionConcurrency',
};

function decode(request: RawRequest): DecodedCall {
  const match = /^\/\d{4}-\d{2}-\d{2}\/functions\/([^/]+)\/(configuration|invocations|concurrency)$/.exec(request.path);
  const action = match ? ROUTES[`${request.method} ${match[2]}`] : undefined;
  if (!match || !action) throw new AwsError('UnknownOperationException', `fake-aws: no Lambda route for ${request.method} ${request.path}`, 404);
  const params: Record<string, unknown> = { FunctionName: decodeURIComponent(match[1] ?? '') };
  if (action === 'Invoke') Object.assign(params, { InvocationType: request.headers['x-amz-invocation-type'] ?? 'RequestResponse', Payload: request.body });
  if (action === 'PutFunctionConcurrency') Object.assign(params, JSON.parse(request.body || '{}') as object);
  return { action, params };
}

function configuration(fn: FunctionRecord): Record<string, unknown> {
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: 'nodejs22.x',
    Handler: 'index.handler',
    Architectures: ['arm64'],
    MemorySize: fn.memorySize,
    Timeout: fn.timeoutSeconds,
    Environment: { Variables: fn.environment },
    LoggingConfig: { LogFormat: 'Text', LogGroup: fn.logGroupName },
    State: 'Active',
    LastUpdateStatus: 'Successful',
  };
}

function putConcurrency(fn: FunctionRecord, value: unknown): Record<string, unknown> {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new AwsError('InvalidParameterValueException', 'ReservedConcurrentExecutions must be a whole number >= 0');
  }
  fn.reservedConcurrency = value;
  return { ReservedConcurrentExecutions: value };
}

async function run(call: DecodedCall, account: FakeAccount): Promise<unknown> {
  const plane = controlPlaneOf(account);
  const fn = plane.fn(String(call.params.FunctionName));
  switch (call.action) {
    case 'GetFunctionConfiguration':
      return configuration(fn);
    case 'PutFunctionConcurrency':
      return putConcurrency(fn, call.params.ReservedConcurrentExecutions);
    case 'GetFunctionConcurrency':
      return fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency };
    case 'DeleteFunctionConcurrency':
      delete fn.reservedConcurrency;
      return undefined;
    default:
      return invokeFunction(account, plane, fn, typeof call.params.Payload === 'string' ? call.params.Payload : '');
  }
}

function render(call: DecodedCall, output: unknown, requestId: string): RawResponse {
  const headers = { 'content-type': 'application/json', 'x-amzn-requestid': requestId };
  if (call.action === 'DeleteFunctionConcurrency') return { status: 204, headers, body: '' };
  if (call.action !== 'Invoke') return { status: 200, headers, body: JSON.stringify(output) };
  const result = output as InvokeOutput;
  const functionError: Record<string, string> = result.functionError ? { 'x-amz-function-error': result.functionError } : {};
  return { status: 200, headers: { ...headers, 'x-amz-executed-version': '$LATEST', ...functionError }, body: result.payload };
}

/** REST-JSON errors: the code in `x-amzn-errortype`, details (e.g. TooManyRequestsException's Reason) in the body. */
function renderError(error: AwsError, requestId: string): RawResponse {
  const reason = error.code === 'TooManyRequestsException' ? { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' } : {};
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code },
    body: JSON.stringify({ Type: error.fault === 'Sender' ? 'User' : 'Service', message: error.message, ...reason }),
  };
}

/** Lambda over REST-JSON: the function's configuration and reserved concurrency, and Invoke running the bundled handler. */
export const lambdaService: FakeService = {
  signingName: 'lambda',
  serviceIds: ['Lambda'],
  decode,
  invoke: run,
  render,
  renderError,
  throttleError: () => new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429),
};
