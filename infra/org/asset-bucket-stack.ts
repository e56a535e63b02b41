import { CfnOutput, RemovalPolicy, Stack, aws_iam as iam, aws_s3 as s3, type StackProps } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';

/** The bucket cdk-stacksets looks for in a region: the prefix, `-`, the region (its StackSetStackSynthesizer). */
export const assetBucketName = (prefix: string, region: string): string => `${prefix}-${region}`;

export interface AssetBucketStackProps extends StackProps {
  readonly organizationId: string;
  readonly bucketPrefix: string;
}

/**
 * One region's copy of the member stacks' file assets (the function's code package), in the StackSets administrator
 * account. Lambda takes a function's code only from a bucket in the function's own region (CreateFunction, S3Bucket:
 * "An Amazon S3 bucket in the same Amazon Web Services Region as your function"), so each region a deployment lists
 * has one; the StackSets stack copies the code into each. Every principal of the organization may read the objects:
 * CloudFormation creates the function in the member account with the StackSet's execution role.
 */
export class AssetBucketStack extends Stack {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AssetBucketStackProps) {
    super(scope, id, { description: "instance-reaper: the organization deployment's code assets for this region", ...props });
    this.bucket = new s3.Bucket(this, 'Assets', {
      bucketName: assetBucketName(props.bucketPrefix, this.region),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OrganizationReadsAssets',
        principals: [new iam.OrganizationPrincipal(props.organizationId)],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects('*')],
      }),
    );
    NagSuppressions.addResourceSuppressions(this.bucket, [
      { id: 'AwsSolutions-S1', reason: "Holds only copies of the reaper's code package, written by deployments; CloudTrail records who reads them, access logs would add nothing." },
    ]);
    new CfnOutput(this, 'AssetBucketName', { value: this.bucket.bucketName });
  }
}
