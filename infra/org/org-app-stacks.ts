import { Aspects, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AssetBucketStack } from './asset-bucket-stack';
import { CentralStack } from './central-stack';
import { centralBusArn } from './org-names';
import type { Organization } from './organization-config';
import { StackSetsStack, assetRegions } from './stack-sets-stack';

export interface OrgStacks {
  readonly central: CentralStack;
  readonly assetBuckets: readonly AssetBucketStack[];
  readonly stackSets: StackSetsStack;
}

/** Stack names, as `cdk deploy` takes them. */
export const ORG_STACK_NAMES = {
  central: 'InstanceReaperCentral',
  assets: (region: string) => `InstanceReaperAssets-${region}`,
  stackSets: 'InstanceReaperStackSets',
} as const;

/**
 * The organization deployment's stacks, each in its account and region from the configuration: the central view, an
 * asset bucket per region and the StackSets (after the buckets, which their deployment copies the code into, and the
 * central bus, which the reapers send to). cdk-nag's AwsSolutions rules run on all of them.
 */
export function addOrgStacks(app: App, organization: Organization): OrgStacks {
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  const { central: centralSettings, stackSets: settings } = organization;
  const central = new CentralStack(app, ORG_STACK_NAMES.central, {
    env: { account: centralSettings.account, region: centralSettings.region },
    organizationId: organization.organizationId,
    logRetentionDays: centralSettings.logRetentionDays,
    silentAfterMinutes: centralSettings.silentAfterMinutes,
    notificationEmail: centralSettings.notificationEmail,
  });
  const assetBuckets = assetRegions(organization).map(
    (region) =>
      new AssetBucketStack(app, ORG_STACK_NAMES.assets(region), {
        env: { account: settings.account, region },
        organizationId: organization.organizationId,
        bucketPrefix: settings.assetBucketPrefix,
      }),
  );
  const stackSets = new StackSetsStack(app, ORG_STACK_NAMES.stackSets, {
    env: { account: settings.account, region: settings.region },
    organization,
    // By name, not by reference: the bus is in another stack, and possibly another account and region.
    centralBusArn: centralBusArn('aws', centralSettings.region, centralSettings.account),
  });
  for (const dependency of [central, ...assetBuckets]) stackSets.addStackDependency(dependency);
  return { central, assetBuckets, stackSets };
}
