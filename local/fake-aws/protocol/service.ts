import type { IncomingHttpHeaders } from 'node:http';
import type { StaticOperationSchema } from '@smithy/types';
import type { FakeAccount } from '../account';
import type { Denial } from './access-denied';
import type { AwsError } from './aws-error';

/** An HTTP request as the server received it: enough for Query, JSON and REST-JSON services alike. */
export interface RawRequest {
  readonly method: string;
  /** The path without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case names, as Node gives them. */
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** What a request asks for: the log records exactly this. */
export interface DecodedCall {
  readonly action: string;
  readonly params: Record<string, unknown>;
  /** The Query API version, where one signing name serves two APIs (protocol/query-versions.ts). */
  readonly version?: string;
}

/**
 * One AWS service, found by the signing name in the request's SigV4 credential scope.
 * The server decodes, may throttle, invokes, then renders the output or the error.
 */
export interface FakeService {
  /** The SigV4 signing name: `ec2`, `autoscaling`, `monitoring`, ... */
  readonly signingName: string;
  /** SDK service IDs (`Auto Scaling`, `Elastic Load Balancing v2`) whose AWS_ENDPOINT_URL_* variables point here. */
  readonly serviceIds: readonly string[];
  /** Throws AwsError for an unknown action or malformed request. */
  decode(request: RawRequest): DecodedCall;
  /** Runs the call against the account; throws AwsError for AWS-style failures. */
  invoke(call: DecodedCall, account: FakeAccount): unknown;
  render(call: DecodedCall, output: unknown, requestId: string): RawResponse;
  renderError(error: AwsError, requestId: string, call?: DecodedCall): RawResponse;
  /** The service's own throttling answer (code, status, message). */
  throttleError(): AwsError;
  /** The service's own answer to a call an SCP or permission boundary denies (default: `AccessDeniedException`, 403). */
  accessDenied?(denial: Denial): AwsError;
}

/** One action of a schema-described (Query or JSON) service. */
export interface Operation {
  readonly schema: StaticOperationSchema;
  readonly run: (account: FakeAccount, input: Record<string, unknown>) => unknown;
}

/**
 * Ties an SDK operation schema (e.g. `DescribeInstances$` from the client package) to its handler,
 * typed with the SDK's own input and output types.
 */
export function operation<Input extends object, Output>(schema: StaticOperationSchema, run: (account: FakeAccount, input: Input) => Output): Operation {
  return { schema, run: run as unknown as Operation['run'] };
}

export type OperationTable = Readonly<Record<string, Operation>>;
