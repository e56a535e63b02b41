import { randomUUID } from 'node:crypto';
import type { FakeAccount } from './account';
import { accessDenied } from './protocol/access-denied';
import { AwsError } from './protocol/aws-error';
import type { FakeService, RawRequest, RawResponse } from './protocol/service';
import type { Throttle } from './throttle';

export interface DispatchContext {
  /**
   * The account that serves a request: the one whose access key signed it, or the error the service answers for
   * a key it does not know (a lone account serves every key).
   */
  readonly accountFor: (request: RawRequest, signingName: string) => FakeAccount | AwsError;
  readonly services: Readonly<Record<string, FakeService>>;
  readonly throttle: Throttle;
  latencyMs: number;
  throttled: number;
}

/** The credential scope `AKID/date/region/<service>/aws4_request` (Authorization header or presigned query). */
const credentialOf = (request: RawRequest): string =>
  /Credential=([^,\s]+)/.exec(String(request.headers.authorization ?? ''))?.[1] ?? request.query.get('X-Amz-Credential') ?? '';

/** The signing name from the credential scope. */
export function signingNameOf(request: RawRequest): string | undefined {
  return /^[^/]+\/[^/]+\/[^/]+\/([^/]+)\/aws4_request$/.exec(credentialOf(request))?.[1];
}

/** The access key ID that signed the request: the first part of the credential scope. */
export function accessKeyIdOf(request: RawRequest): string | undefined {
  return /^([^/]+)\//.exec(credentialOf(request))?.[1];
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
  const account = context.accountFor(request, signingName);
  if (account instanceof AwsError) return service.renderError(account, requestId);
  let call;
  try {
    call = service.decode(request);
  } catch (error) {
    return service.renderError(error instanceof AwsError ? error : new AwsError('MalformedQueryString', String(error)), requestId);
  }
  if (context.latencyMs > 0) await sleep(context.latencyMs);
  await account.beforeAnswer(signingName, call.action, call.params);
  const denial = account.denialOf(signingName, call.action, call.params);
  if (denial) {
    account.recordCall({ service: signingName, action: call.action, params: call.params, throttled: false, denied: true });
    return service.renderError(service.accessDenied?.(denial) ?? accessDenied.other(denial), requestId, call);
  }
  const throttled = context.throttle.shouldThrottle(signingName, call.action);
  account.recordCall({ service: signingName, action: call.action, params: call.params, throttled });
  if (throttled) {
    context.throttled += 1;
    return service.renderError(service.throttleError(), requestId, call);
  }
  try {
    return service.render(call, await service.invoke(call, account), requestId);
  } catch (error) {
    if (error instanceof AwsError) return service.renderError(error, requestId, call);
    const message = error instanceof Error ? error.message : String(error);
    return service.renderError(new AwsError('InternalFailure', `fake-aws: ${message}`, 500, 'Receiver'), requestId, call);
  }
}
