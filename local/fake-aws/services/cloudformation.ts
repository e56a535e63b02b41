import { DescribeStacks$, type DescribeStacksInput, type DescribeStacksOutput, type Stack } from '@aws-sdk/client-cloudformation';
import type { FakeAccount } from '../account';
import { AwsError, validationError } from '../protocol/aws-error';
import { pageOf } from '../protocol/paging';
import { queryService } from '../protocol/query-service';
import { operation } from '../protocol/service';
import { controlPlaneOf, type StackRecord } from './reaper-control-plane';

function toStack(account: FakeAccount, stack: StackRecord): Stack {
  const { region, accountId } = account.state;
  return {
    StackName: stack.name,
    StackId: `arn:aws:cloudformation:${region}:${accountId}:stack/${stack.name}/00000000-0000-0000-0000-000000000000`,
    StackStatus: 'CREATE_COMPLETE',
    CreationTime: new Date(stack.createdAt),
    Outputs: Object.entries(stack.outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
  };
}

/** One named stack (CloudFormation's ValidationError when it does not exist), or every stack, a page at a time. */
function describeStacks(account: FakeAccount, input: DescribeStacksInput): DescribeStacksOutput {
  const { stacks } = controlPlaneOf(account).state;
  if (input.StackName) {
    const stack = stacks[input.StackName];
    if (!stack) throw validationError(`Stack with id ${input.StackName} does not exist`);
    return { Stacks: [toStack(account, stack)] };
  }
  const page = pageOf(Object.values(stacks), { serverMax: 2, nextToken: input.NextToken });
  return { Stacks: page.items.map((stack) => toStack(account, stack)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

/** CloudFormation over awsQuery: DescribeStacks, enough to find a deployed stack's outputs. */
export const cloudFormationService = queryService({
  signingName: 'cloudformation',
  serviceIds: ['CloudFormation'],
  ec2: false,
  xmlns: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
  operations: { DescribeStacks: operation(DescribeStacks$, describeStacks) },
  throttle: () => new AwsError('Throttling', 'Rate exceeded'),
});
