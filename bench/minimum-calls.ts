import type { FakeAccount } from '../local/fake-aws/account';
import type { RunReport } from '../lambda/model/report';

const LIVE_STATES = new Set(['pending', 'running', 'stopping', 'stopped']);
/** AWS's page maxima, and the batches AWS takes in one call. */
const GROUPS_PER_PAGE = 100;
const INSTANCES_PER_PAGE = 1_000;
const IMAGE_IDS_PER_CALL = 100;
const INSTANCE_IDS_PER_METADATA_CALL = 100;
const LAUNCH_CONFIGURATIONS_PER_CALL = 50;
/** Deferrals that hold the instance itself: its group's health gates are not needed to report them. */
const INSTANCE_HOLDS = new Set(['exempt', 'protected', 'not-in-service']);

const pages = (items: number, perPage: number) => Math.ceil(items / perPage);

/** Distinct launch templates the groups name, their mixed-instances overrides included. */
function templatesInUse(account: FakeAccount): number {
  const templates = new Set<string>();
  for (const group of Object.values(account.state.groups)) {
    const mixed = group.mixedInstancesPolicy;
    for (const ref of [group.launchTemplate, mixed?.launchTemplate, ...(mixed?.overrides ?? []).map((override) => override.launchTemplate)]) {
      if (ref) templates.add(ref.id ?? ref.name ?? '');
    }
  }
  return templates.size;
}

/** Groups whose health gates must be read to decide as the report did: something in them was not held by an instance hold. */
function groupsNeedingGates(report: RunReport): string[] {
  const groups = new Set(report.terminated.map((entry) => entry.group));
  for (const entry of report.deferred) if (!INSTANCE_HOLDS.has(entry.why)) groups.add(entry.group);
  return [...groups];
}

/** What reading the account takes, counted before the run changes it (replacements launch during the run). */
export interface FleetNeeds {
  readonly groups: number;
  readonly liveInstances: number;
  readonly imagesInUse: number;
  readonly instancesOnGoneImages: number;
  readonly templatesInUse: number;
  readonly launchConfigurations: number;
  readonly targetGroupsOf: ReadonlyMap<string, readonly string[]>;
}

export function fleetNeeds(account: FakeAccount): FleetNeeds {
  const instances = Object.values(account.state.instances).filter((instance) => LIVE_STATES.has(instance.state));
  const groups = Object.values(account.state.groups);
  return {
    groups: groups.length,
    liveInstances: instances.length,
    imagesInUse: new Set(instances.map((instance) => instance.imageId)).size,
    instancesOnGoneImages: instances.filter((instance) => ['gone', 'deregistered'].includes(account.state.images[instance.imageId]?.state ?? 'gone')).length,
    templatesInUse: templatesInUse(account),
    launchConfigurations: new Set(groups.flatMap((group) => (group.launchConfigurationName ? [group.launchConfigurationName] : []))).size,
    targetGroupsOf: new Map(groups.map((group) => [group.name, [...group.targetGroupArns]])),
  };
}

/**
 * The fewest calls that could read the account and do what the report says, by action: pages of
 * 100 groups and 1,000 instances, AMIs 100 IDs a call, one look-up per template, health gates
 * only where they decide something, one termination per instance terminated.
 */
export function minimumCalls(needs: FleetNeeds, report: RunReport): Map<string, number> {
  const gated = groupsNeedingGates(report);
  const targetGroups = new Set(gated.flatMap((name) => needs.targetGroupsOf.get(name) ?? []));
  return new Map([
    ['DescribeAutoScalingGroups', Math.max(1, pages(needs.groups, GROUPS_PER_PAGE))],
    ['DescribeInstances', Math.max(1, pages(needs.liveInstances, INSTANCES_PER_PAGE))],
    ['DescribeImages', pages(needs.imagesInUse, IMAGE_IDS_PER_CALL)],
    ['DescribeInstanceImageMetadata', pages(needs.instancesOnGoneImages, INSTANCE_IDS_PER_METADATA_CALL)],
    ['DescribeLaunchTemplateVersions', needs.templatesInUse],
    ['DescribeLaunchConfigurations', pages(needs.launchConfigurations, LAUNCH_CONFIGURATIONS_PER_CALL)],
    ['GetParameter', 1],
    ['DescribeInstanceRefreshes', gated.length],
    ['DescribeTargetHealth', targetGroups.size],
    ['TerminateInstanceInAutoScalingGroup', report.terminated.length],
    ['Publish', report.terminated.length > 0 || report.errors.length > 0 ? 1 : 0],
  ]);
}
