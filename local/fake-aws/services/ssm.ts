import {
  DeleteParameter$,
  GetParameter$,
  PutParameter$,
  type DeleteParameterRequest,
  type GetParameterRequest,
  type GetParameterResult,
  type ParameterType,
  type PutParameterRequest,
  type PutParameterResult,
} from '@aws-sdk/client-ssm';
import type { FakeAccount } from '../account';
import { accessDenied } from '../protocol/access-denied';
import { AwsError } from '../protocol/aws-error';
import { jsonService } from '../protocol/json-service';
import { operation } from '../protocol/service';
import { putParameter } from '../seed-launch';
import type { ParameterRecord } from '../state';

function requireParameter(account: FakeAccount, name: string | undefined): ParameterRecord {
  const parameter = account.state.parameters[name ?? ''];
  if (!parameter) throw new AwsError('ParameterNotFound', `Parameter ${name ?? ''} not found.`);
  return parameter;
}

function getParameter(account: FakeAccount, input: GetParameterRequest): GetParameterResult {
  const parameter = requireParameter(account, input.Name);
  const { accountId, region } = account.state;
  return {
    Parameter: {
      Name: parameter.name,
      Type: parameter.type,
      Value: parameter.value,
      Version: parameter.version,
      LastModifiedDate: new Date(parameter.lastModified),
      ARN: `arn:aws:ssm:${region}:${accountId}:parameter/${parameter.name.replace(/^\//, '')}`,
      DataType: 'text',
    },
  };
}

/** An existing parameter is replaced only with Overwrite, as on AWS. */
function putParameterCall(account: FakeAccount, input: PutParameterRequest): PutParameterResult {
  const name = input.Name ?? '';
  const existing = account.state.parameters[name];
  if (existing && !input.Overwrite) {
    throw new AwsError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
  }
  const type: ParameterType = input.Type ?? existing?.type ?? 'String';
  return { Version: putParameter(account, name, input.Value ?? '', type), Tier: 'Standard' };
}

function deleteParameter(account: FakeAccount, input: DeleteParameterRequest): Record<string, never> {
  delete account.state.parameters[requireParameter(account, input.Name).name];
  return {};
}

/** SSM Parameter Store over AWS JSON 1.1. */
export const ssmService = jsonService({
  signingName: 'ssm',
  serviceIds: ['SSM'],
  jsonVersion: '1.1',
  targetPrefix: 'AmazonSSM',
  operations: {
    GetParameter: operation(GetParameter$, getParameter),
    PutParameter: operation(PutParameter$, putParameterCall),
    DeleteParameter: operation(DeleteParameter$, deleteParameter),
  },
  throttle: () => new AwsError('ThrottlingException', 'Rate exceeded'),
  accessDenied: accessDenied.ssm,
});
