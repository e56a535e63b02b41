import { NormalizedSchema } from '@smithy/core/schema';
import { accessDenied, type Denial } from './access-denied';
import { AwsError } from './aws-error';
import { decodeQuery } from './query-decoder';
import type { DecodedCall, FakeService, OperationTable, RawRequest, RawResponse } from './service';
import { writeMembers } from './shape-xml';
import { element, escapeXml, XML_DECLARATION } from './xml-writer';

export interface QueryServiceOptions {
  readonly signingName: string;
  readonly serviceIds: readonly string[];
  /** EC2's dialect: flat lists, capitalized keys, no `Result` wrapper, `<Response><Errors>` errors. */
  readonly ec2: boolean;
  /** The XML namespace AWS puts on responses (cosmetic: the SDK ignores it). */
  readonly xmlns: string;
  readonly operations: OperationTable;
  readonly throttle: () => AwsError;
  /** Default: `AccessDenied`, 403, as awsQuery services answer. */
  readonly accessDenied?: (denial: Denial) => AwsError;
}

const xmlResponse = (status: number, body: string, requestId: string): RawResponse => ({
  status,
  headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId },
  body: XML_DECLARATION + body,
});

function renderOutput(options: QueryServiceOptions, call: DecodedCall, output: unknown, requestId: string): string {
  const op = options.operations[call.action];
  const schema = NormalizedSchema.of(op ? op.schema[5] : 'unit');
  const members = schema.isStructSchema() ? writeMembers(schema, output) : '';
  const root = `${call.action}Response`;
  if (options.ec2) return `<${root} xmlns="${options.xmlns}">${element('requestId', requestId)}${members}</${root}>`;
  const result = schema.isStructSchema() ? element(`${call.action}Result`, members) : '';
  return `<${root} xmlns="${options.xmlns}">${result}${element('ResponseMetadata', element('RequestId', requestId))}</${root}>`;
}

function renderError(options: QueryServiceOptions, error: AwsError, requestId: string): string {
  const code = element('Code', escapeXml(error.code));
  const message = element('Message', escapeXml(error.message));
  if (options.ec2) return `<Response>${element('Errors', element('Error', code + message))}${element('RequestID', requestId)}</Response>`;
  const type = element('Type', error.fault);
  return `<ErrorResponse xmlns="${options.xmlns}">${element('Error', type + code + message)}${element('RequestId', requestId)}</ErrorResponse>`;
}

/** A service speaking awsQuery (Auto Scaling, ELBv2, SNS) or EC2 Query, from a table of operations. */
export function queryService(options: QueryServiceOptions): FakeService {
  return {
    signingName: options.signingName,
    serviceIds: options.serviceIds,
    decode(request: RawRequest): DecodedCall {
      const form = new URLSearchParams(request.body);
      for (const [key, value] of request.query) if (!form.has(key)) form.set(key, value);
      const action = form.get('Action') ?? '';
      const op = options.operations[action];
      if (!op) throw new AwsError('InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`);
      return { action, params: decodeQuery(NormalizedSchema.of(op.schema[4]), form, options.ec2) };
    },
    invoke(call, account) {
      const op = options.operations[call.action];
      if (!op) throw new AwsError('InvalidAction', `The action ${call.action} is not valid for this web service.`);
      return op.run(account, call.params);
    },
    render: (call, output, requestId) => xmlResponse(200, renderOutput(options, call, output, requestId), requestId),
    renderError: (error, requestId) => xmlResponse(error.status, renderError(options, error, requestId), requestId),
    throttleError: options.throttle,
    accessDenied: options.accessDenied ?? accessDenied.query,
  };
}
