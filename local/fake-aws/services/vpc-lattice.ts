import type { ListTargetsResponse, TargetSummary } from '@aws-sdk/client-vpc-lattice';
import type { FakeAccount } from '../account';
import { deniedMessage, type Denial } from '../protocol/access-denied';
import { AwsError } from '../protocol/aws-error';
import { pageOf } from '../protocol/paging';
import type { DecodedCall, FakeService, RawRequest, RawResponse } from '../protocol/service';
import { parseRegistration } from '../registrations';

/*
 * VPC Lattice over REST-JSON (VPC Lattice API Reference, ListTargets): POST /targetgroups/{id or ARN}/listtargets,
 * `maxResults` (1-100) and `nextToken` in the query, an optional `targets` filter (up to 20) in the body; the answer is
 * `{ items: [{ id, port, status }], nextToken }`. Errors name their code in `x-amzn-errortype`, fields in the body.
 */

/** An error with the members VPC Lattice's error shapes carry besides `message` (resourceId, reason, fieldList, ...). */
class LatticeError extends AwsError {
  constructor(
    code: string,
    message: string,
    status: number,
    readonly fields: Readonly<Record<string, unknown>> = {},
  ) {
    super(code, message, status);
  }
}

/** ListTargets' targetGroupIdentifier pattern: a target group ID, or its ARN. */
const IDENTIFIER = /^((tg-[0-9a-z]{17})|(arn:[a-z0-9-]+:vpc-lattice:[a-zA-Z0-9-]+:\d{12}:targetgroup\/tg-[0-9a-z]{17}))$/;

const invalid = (name: string, message: string) =>
  new LatticeError('ValidationException', `1 validation error detected: ${message}`, 400, { reason: 'fieldValidationFailed', fieldList: [{ name, message }] });

function decode(request: RawRequest): DecodedCall {
  const match = /^\/targetgroups\/([^/]+)\/listtargets$/.exec(request.path);
  if (!match || request.method !== 'POST') throw new LatticeError('UnknownOperationException', `fake-aws: no VPC Lattice route for ${request.method} ${request.path}`, 404);
  let body: { targets?: unknown };
  try {
    body = (request.body ? JSON.parse(request.body) : {}) as { targets?: unknown };
  } catch {
    throw new LatticeError('ValidationException', 'The request body is not valid JSON', 400, { reason: 'cannotParse' });
  }
  const maxResults = request.query.get('maxResults');
  const nextToken = request.query.get('nextToken');
  return {
    action: 'ListTargets',
    params: {
      targetGroupIdentifier: decodeURIComponent(match[1] ?? ''),
      ...(maxResults !== null ? { maxResults: Number(maxResults) } : {}),
      ...(nextToken !== null ? { nextToken } : {}),
      ...(body.targets !== undefined ? { targets: body.targets } : {}),
    },
  };
}

/** The target group's ARN, by ARN or ID; ResourceNotFoundException (404) when the account has none such. */
function findTargetGroup(account: FakeAccount, identifier: string): string {
  if (!IDENTIFIER.test(identifier)) throw invalid('targetGroupIdentifier', `Value '${identifier}' at 'targetGroupIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern`);
  const arn = Object.keys(account.state.latticeTargetGroups).find((candidate) => candidate === identifier || candidate.endsWith(`/${identifier}`));
  if (!arn) throw new LatticeError('ResourceNotFoundException', `Target group ${identifier} not found`, 404, { resourceId: identifier, resourceType: 'TARGET_GROUP' });
  return arn;
}

type Filter = readonly { id?: string; port?: number }[];

/** Every registration (one item per port), page by page; the `targets` filter keeps the registrations it names. */
function listTargets(account: FakeAccount, params: Record<string, unknown>): ListTargetsResponse {
  const arn = findTargetGroup(account, typeof params.targetGroupIdentifier === 'string' ? params.targetGroupIdentifier : '');
  const maxResults = params.maxResults as number | undefined;
  if (maxResults !== undefined && !(Number.isInteger(maxResults) && maxResults >= 1 && maxResults <= 100)) {
    throw invalid('maxResults', `Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`);
  }
  const filter = (params.targets ?? []) as Filter;
  if (filter.length > 20) throw invalid('targets', "Value at 'targets' failed to satisfy constraint: Member must have length less than or equal to 20");
  const items: TargetSummary[] = Object.entries(account.state.latticeTargetGroups[arn] ?? {}).flatMap(([key, status]) => {
    const { id, port } = parseRegistration(key);
    const named = filter.length === 0 || filter.some((target) => target.id === id && (target.port === undefined || target.port === port));
    return named ? [{ id, port, status }] : [];
  });
  const page = pageOf(items, { requested: maxResults, serverMax: account.state.pageSizes.latticeTargets, nextToken: params.nextToken as string | undefined, invalidTokenCode: 'ValidationException' });
  return { items: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

const json = (status: number, body: unknown, requestId: string, headers: Record<string, string> = {}): RawResponse => ({
  status,
  headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, ...headers },
  body: JSON.stringify(body),
});

/** VPC Lattice: ListTargets of the account's VPC Lattice target groups. */
export const vpcLatticeService: FakeService = {
  signingName: 'vpc-lattice',
  serviceIds: ['VPC Lattice'],
  decode,
  invoke: (call: DecodedCall, account: FakeAccount) => listTargets(account, call.params),
  render: (_call, output, requestId) => json(200, output, requestId),
  renderError: (error, requestId) =>
    json(error.status, { message: error.message, ...(error instanceof LatticeError ? error.fields : {}) }, requestId, { 'x-amzn-errortype': error.code }),
  // ThrottlingException: "The limit on the number of requests per second was exceeded", HTTP 429.
  throttleError: () => new LatticeError('ThrottlingException', 'Rate exceeded', 429),
  // AccessDeniedException: "The user does not have sufficient access to perform this action", HTTP 403.
  accessDenied: (denial: Denial) => new LatticeError('AccessDeniedException', deniedMessage(denial), 403),
};
