import { accessDenied } from './access-denied';
import { AwsError } from './aws-error';
import type { DecodedCall, FakeService, RawRequest } from './service';

/** The Query `Version` a request names (form body or query string). */
function versionOf(request: RawRequest): string | undefined {
  return new URLSearchParams(request.body).get('Version') ?? request.query.get('Version') ?? undefined;
}

/**
 * Services that share one SigV4 signing name, told apart by their Query API version: Classic
 * Load Balancing (2012-06-01) and ELBv2 (2015-12-01) both sign as `elasticloadbalancing`.
 */
export function byQueryVersion(versions: Readonly<Record<string, FakeService>>, fallback: string): FakeService {
  const pick = (version: string | undefined): FakeService => {
    const service = versions[version ?? fallback] ?? versions[fallback];
    if (!service) throw new Error(`fake-aws: no service for version ${version ?? fallback}`);
    return service;
  };
  const all = Object.values(versions);
  return {
    signingName: pick(fallback).signingName,
    serviceIds: all.flatMap((service) => service.serviceIds),
    decode(request) {
      const version = versionOf(request);
      if (version !== undefined && !versions[version]) throw new AwsError('InvalidAction', `The API version ${version} is not valid for this web service.`);
      return { ...pick(version).decode(request), version: version ?? fallback };
    },
    invoke: (call: DecodedCall, account) => pick(call.version).invoke(call, account),
    render: (call, output, requestId) => pick(call.version).render(call, output, requestId),
    renderError: (error, requestId, call) => pick(call?.version).renderError(error, requestId, call),
    throttleError: () => pick(fallback).throttleError(),
    accessDenied: (denial) => pick(fallback).accessDenied?.(denial) ?? accessDenied.other(denial),
  };
}
