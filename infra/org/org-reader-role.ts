import { Aws, CfnCondition, Fn, aws_iam as iam, type CfnResource } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { TAG } from '../../lambda/policy/tag-keys';
import { DESCRIBE_ACTIONS } from '../reaper-permissions';
import { SURGE_STATE_KEY_COMPONENT } from '../surge-state-key';
import { MEMBER_FUNCTION_NAME, MEMBER_LOG_GROUP_NAME, MEMBER_SCHEDULE_RULE_NAME, ORG_READER_ROLE_NAME } from './org-names';

export interface OrgReaderRoleProps {
  /** The account whose principals may assume the role: the central account, where the CLI runs `--org`. */
  readonly trustedAccount: string;
  /** The region whose stack instance creates the role: IAM is global, so one region of the deployment holds it. */
  readonly homeRegion: string;
  readonly blockedAmisParameterName: string;
  readonly amiAliasParameters: readonly string[];
}

/** Any region of this account: the role reads the reaper of every region the deployment has. */
const anyRegionArn = (service: string, resource: string, account: string = Aws.ACCOUNT_ID) => `arn:${Aws.PARTITION}:${service}:*:${account}:${resource}`;

/** AWS's public parameters (`/aws/...`) have no account in their ARN ("Discovering public parameters in Parameter Store"). */
const parameterArn = (name: string) => anyRegionArn('ssm', `parameter/${name.slice(1)}`, /^\/aws\//i.test(name) ? '' : Aws.ACCOUNT_ID);

/**
 * The reads `status --org` and `plan --org` make in a member account, and nothing else: the reaper's stack (found by
 * its outputs), function, schedule, reports and blocked AMIs (status), and the reads the function's own decision makes
 * (plan runs it as a dry run).
 */
function readerStatements(props: OrgReaderRoleProps): iam.PolicyStatement[] {
  return [
    // The Describe calls support no resource-level permissions (Service Authorization Reference); DescribeAlarms needs
    // '*' to read composite alarms; DescribeStacks lists the account's stacks to find the reaper by its outputs.
    new iam.PolicyStatement({ sid: 'ReadFleet', actions: [...DESCRIBE_ACTIONS, 'cloudwatch:DescribeAlarms'], resources: ['*'] }),
    new iam.PolicyStatement({ sid: 'FindReaperStack', actions: ['cloudformation:DescribeStacks'], resources: ['*'] }),
    // ListRuleNamesByTarget has no resource type: it can only be granted on '*'.
    new iam.PolicyStatement({ sid: 'FindSchedules', actions: ['events:ListRuleNamesByTarget'], resources: ['*'] }),
    new iam.PolicyStatement({
      sid: 'ReadReaper',
      actions: ['lambda:GetFunctionConfiguration', 'lambda:GetFunctionConcurrency'],
      resources: [anyRegionArn('lambda', `function:${MEMBER_FUNCTION_NAME}`)],
    }),
    new iam.PolicyStatement({ sid: 'ReadSchedule', actions: ['events:DescribeRule'], resources: [anyRegionArn('events', `rule/${MEMBER_SCHEDULE_RULE_NAME}`)] }),
    new iam.PolicyStatement({
      sid: 'ReadReports',
      actions: ['logs:FilterLogEvents'],
      resources: [anyRegionArn('logs', `log-group:${MEMBER_LOG_GROUP_NAME}`), anyRegionArn('logs', `log-group:${MEMBER_LOG_GROUP_NAME}:*`)],
    }),
    // plan --org judges target health as the function does, VPC Lattice target groups included.
    new iam.PolicyStatement({ sid: 'ReadLatticeTargets', actions: ['vpc-lattice:ListTargets'], resources: [anyRegionArn('vpc-lattice', 'targetgroup/*')] }),
    // plan --org checks a surge record's proof as the function does. VerifyMac proves nothing by itself (only the
    // function's role may GenerateMac); each region's key has its own ID, so the keys are named by their tag.
    new iam.PolicyStatement({
      sid: 'VerifySurgeRecords',
      actions: ['kms:VerifyMac'],
      resources: [anyRegionArn('kms', 'key/*')],
      conditions: { StringEquals: { [`aws:ResourceTag/${TAG.component}`]: SURGE_STATE_KEY_COMPONENT } },
    }),
    new iam.PolicyStatement({ sid: 'ReadBlockedAmis', actions: ['ssm:GetParameter'], resources: [parameterArn(props.blockedAmisParameterName)] }),
    ...(props.amiAliasParameters.length > 0
      ? [new iam.PolicyStatement({ sid: 'ResolveSsmAmiAliases', actions: ['ssm:GetParameters'], resources: props.amiAliasParameters.map(parameterArn) })]
      : []),
  ];
}

/** The read-only role the CLI assumes in a member account, by the documented name ORG_READER_ROLE_NAME. */
export class OrgReaderRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: OrgReaderRoleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      roleName: ORG_READER_ROLE_NAME,
      assumedBy: new iam.AccountPrincipal(props.trustedAccount),
      description: 'instance-reaper: read-only, for status --org and plan --org from the central account',
      inlinePolicies: { ReadReaper: new iam.PolicyDocument({ statements: readerStatements(props) }) },
    });
    const home = new CfnCondition(this, 'InHomeRegion', { expression: Fn.conditionEquals(Aws.REGION, props.homeRegion) });
    (this.role.node.defaultChild as CfnResource).cfnOptions.condition = home;
    NagSuppressions.addResourceSuppressions(this.role, [
      {
        id: 'AwsSolutions-IAM5',
        reason:
          "Read-only. The Describe calls, DescribeAlarms (composite alarms), DescribeStacks (finding the reaper's stack) and ListRuleNamesByTarget support no narrower resource; the reaper's function, schedule, log group and parameters are named, in any region of this account, since the one role serves every region of the deployment.",
      },
    ]);
  }
}
