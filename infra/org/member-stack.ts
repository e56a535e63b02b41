import { aws_events as events, aws_lambda as lambda, aws_logs as logs, type aws_s3 as s3 } from 'aws-cdk-lib';
import { StackSetStack } from 'cdk-stacksets';
import type { Construct } from 'constructs';
import { InstanceReaper } from '../instance-reaper';
import { DEFAULTS } from '../props';
import { MEMBER_FUNCTION_NAME, MEMBER_LOG_GROUP_NAME, MEMBER_SCHEDULE_RULE_NAME } from './org-names';
import type { OrgDeployment } from './organization-config';
import { OrgReaderRole } from './org-reader-role';

export interface MemberStackProps {
  readonly deployment: OrgDeployment;
  readonly centralBusArn: string;
  readonly centralAccount: string;
  /** Buckets named `${assetBucketPrefix}-${region}`, one per region, readable by the organization: the function's code is copied to each. */
  readonly assetBuckets: readonly s3.IBucket[];
  readonly assetBucketPrefix: string;
}

/** Fixed physical names (see MEMBER_FUNCTION_NAME): the construct leaves naming to CloudFormation, so they are set on its resources. */
function nameReaper(reaper: InstanceReaper): void {
  (reaper.function.node.defaultChild as lambda.CfnFunction).functionName = MEMBER_FUNCTION_NAME;
  (reaper.function.logGroup.node.defaultChild as logs.CfnLogGroup).logGroupName = MEMBER_LOG_GROUP_NAME;
  (reaper.rule.node.defaultChild as events.CfnRule).name = MEMBER_SCHEDULE_RULE_NAME;
}

/**
 * What a deployment's StackSet puts in each of its accounts and regions: the reaper with the deployment's policy,
 * reporting to the central bus (its outputs are those of the single-account stack, so the CLI finds it the same way in
 * a `StackSet-...` stack), and, in the deployment's first region, the role the CLI reads it with.
 */
export class ReaperMemberStack extends StackSetStack {
  readonly reaper: InstanceReaper;
  readonly reader: OrgReaderRole;

  constructor(scope: Construct, id: string, props: MemberStackProps) {
    super(scope, id, { assetBuckets: [...props.assetBuckets], assetBucketPrefix: props.assetBucketPrefix });
    const { deployment } = props;
    this.templateOptions.description = `instance-reaper: immutable EC2 fleets (organization deployment ${deployment.name})`;
    this.reaper = new InstanceReaper(this, 'Reaper', { ...deployment.props, centralEventBusArn: props.centralBusArn });
    nameReaper(this.reaper);
    this.reader = new OrgReaderRole(this, 'OrgReader', {
      trustedAccount: props.centralAccount,
      homeRegion: deployment.regions[0]!,
      blockedAmisParameterName: deployment.props.blockedAmisParameterName ?? DEFAULTS.blockedAmisParameterName,
      amiAliasParameters: deployment.props.amiAliasParameters ?? DEFAULTS.amiAliasParameters,
    });
  }
}
