import { CloudFormationClient, DescribeStacksCommand, type DescribeStacksOutput, type Stack } from '@aws-sdk/client-cloudformation';
import { EventBridgeClient, ListRuleNamesByTargetCommand } from '@aws-sdk/client-eventbridge';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createCliClients } from '../../cli/aws/cli-clients';
import { findDeployment } from '../../cli/aws/find-deployment';
import { DeploymentNotFoundError } from '../../cli/errors';

const cloudFormation = mockClient(CloudFormationClient);
const lambda = mockClient(LambdaClient);
const eventBridge = mockClient(EventBridgeClient);
const clients = createCliClients({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
const missing = (name: string) => Object.assign(new Error(`Stack with id ${name} does not exist`), { name: 'ValidationError' });

/** A stack as CDK deploys it: output keys carry the construct path and a hash. */
const reaperStack = (name: string, fn = `${name}-fn`): Stack => ({
  StackName: name,
  StackStatus: 'UPDATE_COMPLETE',
  CreationTime: new Date(),
  Outputs: [
    { OutputKey: 'ReaperFunctionArn03228798', OutputValue: `arn:aws:lambda:eu-west-1:1:function:${fn}` },
    { OutputKey: 'ReaperFunctionNameB8E102F1', OutputValue: fn },
    { OutputKey: 'ReaperScheduleRuleName554655A5', OutputValue: `${name}-rule` },
    { OutputKey: 'ReaperBlockedAmisParameterName1577E3AF', OutputValue: '/from/output' },
  ],
});

/** No stack of the default name; listing every stack answers these pages in turn. */
function listStacks(pages: DescribeStacksOutput[]): void {
  let page = 0;
  cloudFormation.on(DescribeStacksCommand).callsFake((input: { StackName?: string }) => {
    if (input.StackName) throw missing(input.StackName);
    return pages[page++];
  });
}

beforeEach(() => {
  cloudFormation.reset();
  lambda.reset();
  eventBridge.reset();
  lambda.on(GetFunctionConfigurationCommand).callsFake((input: { FunctionName: string }) => ({
    FunctionName: input.FunctionName,
    FunctionArn: `arn:aws:lambda:eu-west-1:1:function:${input.FunctionName}`,
    Environment: { Variables: { REAPER_BLOCKED_AMIS_PARAMETER: '/from/env' } },
  }));
});

describe('findDeployment', () => {
  it('reads the default stack InstanceReaper: function, schedule, parameter (the function environment wins)', async () => {
    cloudFormation.on(DescribeStacksCommand, { StackName: 'InstanceReaper' }).resolves({ Stacks: [reaperStack('InstanceReaper')] });

    const deployment = await findDeployment(clients, {});

    expect(deployment).toMatchObject({ stackName: 'InstanceReaper', functionName: 'InstanceReaper-fn', ruleNames: ['InstanceReaper-rule'], blockedAmisParameterName: '/from/env' });
    expect(deployment.logGroupName).toBe('/aws/lambda/InstanceReaper-fn');
  });

  it('without a stack of the default name, takes the only reaper stack in the region', async () => {
    listStacks([{ Stacks: [{ StackName: 'network', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date() }], NextToken: 'page-2' }, { Stacks: [reaperStack('InstanceReaper-prod-eu')] }]);

    expect((await findDeployment(clients, {})).stackName).toBe('InstanceReaper-prod-eu');
  });

  it('asks for --stack when the region holds several reaper stacks', async () => {
    listStacks([{ Stacks: [reaperStack('InstanceReaper-a'), reaperStack('InstanceReaper-b')] }]);

    await expect(findDeployment(clients, {})).rejects.toThrow('several instance-reaper stacks found: InstanceReaper-a, InstanceReaper-b; choose one with --stack NAME');
  });

  it('does not look further when the stack named with --stack does not exist', async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(missing('InstanceReaper-prod-eu'));

    await expect(findDeployment(clients, { stack: 'InstanceReaper-prod-eu' })).rejects.toThrow(DeploymentNotFoundError);
    expect(cloudFormation).toHaveReceivedCommandTimes(DescribeStacksCommand, 1);
  });

  it.each([
    ['in AWS: the flags that choose the account and region', {}, 'stack InstanceReaper-prod-eu not found; check --stack, --region and --profile'],
    ['with --local: only --stack, which --local takes', { local: true }, 'stack InstanceReaper-prod-eu not found in the local account; check --stack'],
  ])('says where to look for a named stack that does not exist, %s', async (_title, where, message) => {
    cloudFormation.on(DescribeStacksCommand).rejects(missing('InstanceReaper-prod-eu'));

    await expect(findDeployment(clients, { stack: 'InstanceReaper-prod-eu', ...where })).rejects.toThrow(new DeploymentNotFoundError(message));
  });

  it('refuses a stack without the reaper outputs', async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'network', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(), Outputs: [] }] });

    await expect(findDeployment(clients, { stack: 'network' })).rejects.toThrow('stack network has no FunctionName output');
  });

  it('with --function, skips CloudFormation and finds the schedule by its target', async () => {
    eventBridge.on(ListRuleNamesByTargetCommand).resolves({ RuleNames: ['hand-made-rule'] });

    const deployment = await findDeployment(clients, { functionName: 'my-reaper' });

    expect(deployment.ruleNames).toEqual(['hand-made-rule']);
    expect(eventBridge).toHaveReceivedCommandWith(ListRuleNamesByTargetCommand, { TargetArn: 'arn:aws:lambda:eu-west-1:1:function:my-reaper' });
    expect(cloudFormation).not.toHaveReceivedAnyCommand();
  });

  it('names a function that does not exist', async () => {
    lambda.on(GetFunctionConfigurationCommand).rejects(Object.assign(new Error('Function not found'), { name: 'ResourceNotFoundException' }));

    await expect(findDeployment(clients, { functionName: 'gone' })).rejects.toThrow('function gone not found');
  });
});
