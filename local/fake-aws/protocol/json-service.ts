import { accessDenied, type Denial } from './access-denied';
import { AwsError } from './aws-error';
import type { DecodedCall, FakeService, OperationTable, RawResponse } from './service';

export interface JsonServiceOptions {
  readonly signingName: string;
  readonly serviceIds: readonly string[];
  /** `1.0` or `1.1`: the content type the client sends and expects back. */
  readonly jsonVersion: '1.0' | '1.1';
  /** The X-Amz-Target prefix, e.g. `AmazonSSM` or `GraniteServiceVersion20100801`. */
  readonly targetPrefix: string;
  /** Services moved from awsQuery (CloudWatch) also name the error in `x-amzn-query-error`. */
  readonly queryCompatible?: boolean;
  readonly operations: OperationTable;
  readonly throttle: () => AwsError;
  /** Default: `AccessDeniedException`, 403. */
  readonly accessDenied?: (denial: Denial) => AwsError;
}

/** JSON protocols carry timestamps as epoch seconds. */
function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).flatMap(([key, item]) => (item === undefined ? [] : [[key, toWire(item)]])));
  }
  return value;
}

/** A service speaking AWS JSON 1.0 or 1.1 (`X-Amz-Target: Prefix.Action`), from a table of operations. */
export function jsonService(options: JsonServiceOptions): FakeService {
  const contentType = `application/x-amz-json-${options.jsonVersion}`;
  const respond = (status: number, body: unknown, requestId: string, extra: Record<string, string> = {}): RawResponse => ({
    status,
    headers: { 'content-type': contentType, 'x-amzn-requestid': requestId, ...extra },
    body: JSON.stringify(toWire(body)),
  });
  return {
    signingName: options.signingName,
    serviceIds: options.serviceIds,
    decode(request) {
      const target = String(request.headers['x-amz-target'] ?? '');
      const action = target.startsWith(`${options.targetPrefix}.`) ? target.slice(options.targetPrefix.length + 1) : '';
      if (!options.operations[action]) throw new AwsError('UnknownOperationException', `Unknown operation ${target || '(no X-Amz-Target)'}`);
      try {
        return { action, params: (request.body ? JSON.parse(request.body) : {}) as Record<string, unknown> };
      } catch {
        throw new AwsError('SerializationException', 'The request body is not valid JSON');
      }
    },
    invoke(call: DecodedCall, account) {
      const op = options.operations[call.action];
      if (!op) throw new AwsError('UnknownOperationException', `Unknown operation ${call.action}`);
      return op.run(account, call.params);
    },
    render: (_call, output, requestId) => respond(200, output ?? {}, requestId),
    renderError(error, requestId) {
      const extra: Record<string, string> = options.queryCompatible ? { 'x-amzn-query-error': `${error.code};${error.fault}` } : {};
      return respond(error.status, { __type: error.code, message: error.message }, requestId, extra);
    },
    throttleError: options.throttle,
    accessDenied: options.accessDenied ?? accessDenied.other,
  };
}
