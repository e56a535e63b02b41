import { Stack, aws_s3 as s3, type StackProps } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { Capability, DeploymentType, RegionConcurrencyType, StackSet, StackSetTarget, StackSetTemplate } from 'cdk-stacksets';
import type { Construct } from 'constructs';
import { assetBucketName } from './asset-bucket-stack';
import { ReaperMemberStack } from './member-stack';
import type { Organization } from './organization-config';

export interface StackSetsStackProps extends StackProps {
  readonly organization: Organization;
  readonly centralBusArn: string;
}

/** The StackSet's name for a deployment. */
export const stackSetName = (deployment: string): string => `instance-reaper-${deployment}`;

/** Every region any deployment lists: each needs an asset bucket. */
export const assetRegions = (organization: Organization): string[] => [...new Set(organization.deployments.flatMap((deployment) => deployment.regions))].sort();

/**
 * One service-managed StackSet per deployment, in the management account or a delegated administrator. Auto-deployment
 * is on: an account that joins one of the deployment's OUs gets the reaper, and one that leaves loses it (stacks are
 * not retained: a reaper left behind would act under a policy nobody manages any more, and if the account moved into
 * another deployment's OU, it would be a second reaper there).
 */
export class StackSetsStack extends Stack {
  readonly members = new Map<string, ReaperMemberStack>();
  readonly stackSets = new Map<string, StackSet>();

  constructor(scope: Construct, id: string, props: StackSetsStackProps) {
    super(scope, id, { description: 'instance-reaper: the StackSets that deploy the reaper to the organization', ...props });
    const { organization } = props;
    const { stackSets: settings } = organization;
    const buckets = assetRegions(organization).map((region) => s3.Bucket.fromBucketName(this, `Assets-${region}`, assetBucketName(settings.assetBucketPrefix, region)));
    for (const deployment of organization.deployments) {
      const member = new ReaperMemberStack(this, `Member-${deployment.name}`, {
        deployment,
        centralBusArn: props.centralBusArn,
        centralAccount: organization.central.account,
        assetBuckets: buckets,
        assetBucketPrefix: settings.assetBucketPrefix,
      });
      this.members.set(deployment.name, member);
      this.stackSets.set(
        deployment.name,
        new StackSet(this, `StackSet-${deployment.name}`, {
          stackSetName: stackSetName(deployment.name),
          description: `instance-reaper for the accounts of deployment ${deployment.name}`,
          target: StackSetTarget.fromOrganizationalUnits({ regions: [...deployment.regions], organizationalUnits: [...deployment.organizationalUnits] }),
          template: StackSetTemplate.fromStackSetStack(member),
          deploymentType: DeploymentType.serviceManaged({ delegatedAdmin: settings.callAs === 'DELEGATED_ADMIN', autoDeployEnabled: true, autoDeployRetainStacks: false }),
          // The reader role has a fixed name.
          capabilities: [Capability.NAMED_IAM],
          operationPreferences: {
            failureTolerancePercentage: settings.failureTolerancePercentage,
            maxConcurrentPercentage: settings.maxConcurrentPercentage,
            regionConcurrencyType: RegionConcurrencyType[settings.regionConcurrency],
            // The first region holds the reader role: it goes first.
            regionOrder: [...deployment.regions],
          },
        }),
      );
    }
    suppressAssetCopyFindings(this);
  }
}

/** cdk-stacksets copies the code into the asset buckets with a BucketDeployment: its handler is CDK's own. */
function suppressAssetCopyFindings(stack: Stack): void {
  NagSuppressions.addStackSuppressions(stack, [
    { id: 'AwsSolutions-IAM4', reason: "CDK's BucketDeployment handler, which copies the code package into the asset buckets, writes its logs with AWSLambdaBasicExecutionRole." },
    { id: 'AwsSolutions-IAM5', reason: "CDK's BucketDeployment handler reads the CDK asset bucket and writes the organization's asset buckets: its grants are on their objects." },
    { id: 'AwsSolutions-L1', reason: "CDK's BucketDeployment handler's runtime is chosen by aws-cdk-lib." },
  ]);
}
