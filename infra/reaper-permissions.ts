import { ArnFormat, Stack, aws_iam as iam, type aws_kms as kms, type aws_lambda as lambda, type aws_sns as sns, type aws_ssm as ssm } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { TAG } from '../lambda/policy/tag-keys';

/** Tag a group carries to be left alone; IAM enforces it too, so even a bug cannot act in such a group. */
const EXEMPT_CONDITION = { StringNotEqualsIgnoreCase: { [`aws:ResourceTag/${TAG.exempt}`]: 'true' } };

/** The tags the function writes on groups, always together: its record of a launch-before-terminate under way and the record's proof. */
const SURGE_TAGS = [TAG.surgeState, TAG.surgeProof];

/**
 * The Describe calls the function makes. Per the Service Authorization Reference ("Actions, resources, and condition
 * keys for Amazon EC2 Auto Scaling / Amazon EC2 / Elastic Load Balancing / Elastic Load Balancing V2"), none of them
 * supports resource-level permissions, so they can only be granted on '*'.
 */
export const DESCRIBE_ACTIONS = [
  'autoscaling:DescribeAutoScalingGroups',
  'autoscaling:DescribeLaunchConfigurations',
  'autoscaling:DescribeInstanceRefreshes',
  'autoscaling:DescribeScalingActivities',
  'autoscaling:DescribeWarmPool',
  'ec2:DescribeAvailabilityZones',
  'ec2:DescribeInstances',
  'ec2:DescribeImages',
  'ec2:DescribeInstanceImageMetadata',
  'ec2:DescribeLaunchTemplateVersions',
  'elasticloadbalancing:DescribeTargetHealth',
  'elasticloadbalancing:DescribeInstanceHealth',
];

/**
 * Any Auto Scaling group of this account and region. The documented format has a colon, the group's UUID, and the name:
 * arn:PARTITION:autoscaling:REGION:ACCOUNT:autoScalingGroup:UUID:autoScalingGroupName/NAME
 * ("Actions, resources, and condition keys for Amazon EC2 Auto Scaling", resource type autoScalingGroup).
 */
function anyGroupArn(stack: Stack): string {
  return stack.formatArn({ service: 'autoscaling', resource: 'autoScalingGroup', resourceName: '*:autoScalingGroupName/*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}

/**
 * ARN of an SSM parameter name pattern ('/x/*'). Names starting with aws are AWS's (PutParameter, SSM API Reference:
 * "A parameter name can't be prefixed with aws or ssm"), its public parameters, whose ARNs carry no account:
 * arn:PARTITION:ssm:REGION::parameter/aws/service/... ("Discovering public parameters in Parameter Store").
 */
function parameterArn(stack: Stack, pattern: string): string {
  const awsOwned = /^\/aws\//i.test(pattern);
  return stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: pattern.slice(1), ...(awsOwned ? { account: '' } : {}) });
}

export interface ReaperResources {
  /** Where runs, failures and alarms are reported. */
  readonly topic: sns.ITopic;
  /** The list of blocked AMI IDs the function reads on every run. */
  readonly blockedAmis: ssm.IParameter;
  /** Name patterns of the SSM parameters launch templates may name as `resolve:ssm:` AMI aliases. */
  readonly amiAliasParameters: readonly string[];
  /** The organization's central bus, if runs send their summary there. */
  readonly centralEventBusArn?: string;
  /** The HMAC key the function signs and verifies its surge-state records with. */
  readonly surgeStateKey: kms.IKey;
}

/** Least privilege: read-only Describe calls, and writes only on Auto Scaling groups that are not exempt. */
export function grantReaperPermissions(fn: lambda.Function, { topic, blockedAmis, amiAliasParameters, centralEventBusArn, surgeStateKey }: ReaperResources): void {
  const stack = Stack.of(fn);
  const groupArn = anyGroupArn(stack);
  fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'ReadFleet', actions: DESCRIBE_ACTIONS, resources: ['*'] }));
  // Target health of VPC Lattice target groups attached as traffic sources. vpc-lattice:ListTargets requires the
  // TargetGroup resource, arn:PARTITION:vpc-lattice:REGION:ACCOUNT:targetgroup/ID ("Actions, resources, and condition
  // keys for Amazon VPC Lattice"); which target groups is known only at run time, from the groups' traffic sources.
  fn.addToRolePolicy(
    new iam.PolicyStatement({ sid: 'ReadLatticeTargets', actions: ['vpc-lattice:ListTargets'], resources: [stack.formatArn({ service: 'vpc-lattice', resource: 'targetgroup', resourceName: '*' })] }),
  );
  // The alarms are named at run time by group tags. DescribeAlarms accepts alarm ARNs, but "you can't return information
  // about composite alarms if your cloudwatch:DescribeAlarms permission has a narrower scope" than * (CloudWatch API
  // Reference, DescribeAlarms).
  fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'ReadAlarms', actions: ['cloudwatch:DescribeAlarms'], resources: ['*'] }));
  // DescribeLaunchTemplateVersions with ResolveAlias=true reads each resolve:ssm: parameter with the caller's permissions.
  if (amiAliasParameters.length > 0) {
    fn.addToRolePolicy(
      new iam.PolicyStatement({ sid: 'ResolveSsmAmiAliases', actions: ['ssm:GetParameters'], resources: amiAliasParameters.map((pattern) => parameterArn(stack, pattern)) }),
    );
  }
  fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'ReadBlockedAmis', actions: ['ssm:GetParameter'], resources: [blockedAmis.parameterArn] }));
  // The function publishes its reports, and Lambda publishes failed invocations to the on-failure destination, with the
  // execution role. On an encrypted topic a publisher also needs kms:GenerateDataKey* and kms:Decrypt on its key
  // ("Allow a user to send messages to a topic with SSE", Amazon SNS Developer Guide): grantPublish grants both.
  topic.grantPublish(fn);
  // Sending to another account's bus needs both this identity policy and the bus's resource policy ("Permissions for
  // event buses", EventBridge User Guide); the bus's policy admits the organization.
  if (centralEventBusArn !== undefined) {
    fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'SendRunSummary', actions: ['events:PutEvents'], resources: [centralEventBusArn] }));
  }
  // The writes require the autoScalingGroup resource and take aws:ResourceTag/KEY; the tag writes also take aws:TagKeys.
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
      conditions: {
        ...EXEMPT_CONDITION,
        // Every key is surge-state or surge-proof, and there is one. ForAllValues alone "also returns true if there are no
        // context keys in the request"; a Null=false check closes that ("Multivalued context key examples", IAM User
        // Guide), and so does ForAnyValue, which is false on a missing or empty key (so both readings of "empty" are covered).
        'ForAllValues:StringEquals': { 'aws:TagKeys': SURGE_TAGS },
        'ForAnyValue:StringEquals': { 'aws:TagKeys': SURGE_TAGS },
        Null: { 'aws:TagKeys': 'false' },
      },
    }),
  );
  // The proof of authorship of its surge-state records (GenerateMac, VerifyMac: "Required permissions: kms:VerifyMac
  // (key policy)", AWS KMS API Reference), on its own key only; the key policy denies GenerateMac to everyone else.
  fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'ProveSurgeRecords', actions: ['kms:GenerateMac', 'kms:VerifyMac'], resources: [surgeStateKey.keyArn] }));
  NagSuppressions.addResourceSuppressions(
    fn,
    [
      { id: 'AwsSolutions-IAM4', reason: 'AWSLambdaBasicExecutionRole only lets the function write its own logs.', appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'] },
      {
        id: 'AwsSolutions-IAM5',
        reason: `The Describe calls (Auto Scaling, EC2, target and instance health) support no resource-level permissions; vpc-lattice:ListTargets on any VPC Lattice target group of the account and region, as groups name theirs at run time; DescribeAlarms must be on * to read composite alarms; ssm:GetParameters only on the parameters launch templates may name as resolve:ssm: AMI aliases (${amiAliasParameters.join(', ') || 'none'}), which DescribeLaunchTemplateVersions with ResolveAlias reads with the function's permissions; kms:GenerateDataKey* only on the notification topic's key, to publish to the encrypted topic; writes are limited to Auto Scaling groups (any name) not tagged instance-reaper:exempt=true.`,
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'Pinned to Node.js 22, the runtime the bundle is built for (target node22) and tested on; moving runtimes is a deliberate, tested change.',
      },
    ],
    true,
  );
}
