import { Stack, aws_iam as iam, type aws_lambda as lambda, type aws_sns as sns, type aws_ssm as ssm } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';

/** Tag a group carries to be left alone; IAM enforces it too, so even a bug cannot act in such a group. */
const EXEMPT_CONDITION = { StringNotEqualsIgnoreCase: { 'aws:ResourceTag/instance-reaper:exempt': 'true' } };

/** Least privilege: read-only Describe calls, and writes only on Auto Scaling groups that are not exempt. */
export function grantReaperPermissions(fn: lambda.Function, topic: sns.ITopic, parameter: ssm.IParameter): void {
  const stack = Stack.of(fn);
  const groupArn = stack.formatArn({ service: 'autoscaling', resource: 'autoScalingGroup', resourceName: '*:autoScalingGroupName/*', arnFormat: undefined });
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      sid: 'ReadFleet',
      actions: [
        'autoscaling:DescribeAutoScalingGroups',
        'autoscaling:DescribeLaunchConfigurations',
        'autoscaling:DescribeInstanceRefreshes',
        'ec2:DescribeInstances',
        'ec2:DescribeImages',
        'ec2:DescribeInstanceImageMetadata',
        'ec2:DescribeLaunchTemplateVersions',
        'cloudwatch:DescribeAlarms',
        'elasticloadbalancing:DescribeTargetHealth',
      ],
      resources: ['*'],
    }),
  );
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      sid: 'ResolveSsmAmiAliases',
      actions: ['ssm:GetParameters'],
      resources: [stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: '*' })],
    }),
  );
  fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'ReadBlockedAmis', actions: ['ssm:GetParameter'], resources: [parameter.parameterArn] }));
  fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'Notify', actions: ['sns:Publish'], resources: [topic.topicArn] }));
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      sid: 'RotateThroughGroups',
      actions: ['autoscaling:TerminateInstanceInAutoScalingGroup', 'autoscaling:SetDesiredCapacity'],
      resources: [groupArn],
      conditions: EXEMPT_CONDITION,
    }),
  );
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      sid: 'RecordSurgeState',
      actions: ['autoscaling:CreateOrUpdateTags', 'autoscaling:DeleteTags'],
      resources: [groupArn],
      conditions: { ...EXEMPT_CONDITION, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['instance-reaper:surge-state'] } },
    }),
  );
  NagSuppressions.addResourceSuppressions(
    fn,
    [
      { id: 'AwsSolutions-IAM4', reason: 'AWSLambdaBasicExecutionRole only lets the function write its own logs.', appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'] },
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'The Describe calls (Auto Scaling, EC2, CloudWatch alarms, target health) support no resource-level permissions; ssm:GetParameters on any parameter is what DescribeLaunchTemplateVersions ResolveAlias needs to resolve resolve:ssm: AMIs of any template; writes are limited to Auto Scaling groups (any name) not tagged instance-reaper:exempt=true.',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'Pinned to Node.js 22, the runtime the bundle is built for (target node22) and tested on; moving runtimes is a deliberate, tested change.',
      },
    ],
    true,
  );
}
