import { randomUUID } from 'node:crypto';
import type { FakeAccount } from './account';
import { accessDenied } from './protocol/access-denied';
import { AwsError } from './protocol/aws-error';
import type { FakeService, RawRequest, RawResponse } from './protocol/service';
import type { Throttle } from './throttle';

export interface DispatchContext {
  readonly account: FakeAccount;
  readonly services: Readonly<Record<string, FakeService>>;
  readonly throttle: Throttle;
  latencyMs: number;
  throttled: number;
}

/** The signing name from `Credential=AKID/date/region/<service>/aws4_request` (header or presigned query). */
export function signingNameOf(request: RawRequest): string | undefined {
  const scope = /Credential=([^,\s]+)/.exec(String(request.headers.authorization ?? ''))?.[1] ?? request.query.get('X-Amz-Credential') ?? '';
  return /^[^/]+\/[^/]+\/[^/]+\/([^/]+)\/aws4_request$/.exec(scope)?.[1];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function unknownService(signingName: string): RawResponse {
  const body = JSON.stringify({ __type: 'UnknownService', message: `fake-aws does not implement service '${signingName}'` });
  return { status: 400, headers: { 'content-type': 'application/json' }, body };
}

/**
 * Decode, wait the latency, log; a denied action or a throttled call is answered with the
 * service's error and changes nothing; else invoke. Every failure is answered in the service's own error shape.
 */
export async function dispatch(context: DispatchContext, request: RawRequest): Promise<RawResponse> {
  const requestId = randomUUID();
  const signingName = signingNameOf(request) ?? '';
  const service = context.services[signingName];
  if (!service) return unknownService(signingName);
  let call;
  try {
    call = service.decode(request);
  } catch (error) {
    return service.renderError(error instanceof AwsError ? error : new AwsError('MalformedQueryString', String(error)), requestId);
  }
  if (context.latencyMs > 0) await sleep(context.latencyMs);
  await context.account.beforeAnswer(signingName, call.action, call.params);
  const denial = context.account.denialOf(signingName, call.action, call.params);
  if (denial) {
    context.account.recordCall({ service: signingName, action: call.action, params: call.params, throttled: false, denied: true });
    return service.renderError(service.accessDenied?.(denial) ?? accessDenied.other(denial), requestId, call);
  }
  const throttled = context.throttle.shouldThrottle(signingName, call.action);
  context.account.recordCall({ service: signingName, action: call.action, params: call.params, throttled });
  if (throttled) {
    context.throttled += 1;
    return service.renderError(service.throttleError(), requestId, call);
  }
  try {
    return service.render(call, await service.invoke(call, context.account), requestId);
  } catch (error) {
    if (error instanceof AwsError) return service.renderError(error, requestId, call);
    const message = error instanceof Error ? error.message : String(error);
    return service.renderError(new AwsError('InternalFailure', `fake-aws: ${message}`, 500, 'Receiver'), requestId, call);
  }
}
