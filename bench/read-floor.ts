import type { FakeAccount } from '../local/fake-aws/account';
import type { TemplateRef } from '../local/fake-aws/state';
import type { RunReport } from '../lambda/model/report';
import { TAG } from '../lambda/policy/tag-keys';

const LIVE_STATES = new Set(['pending', 'running', 'stopping', 'stopped']);
/** AWS's page maxima, and the batches AWS takes in one call. */
const GROUPS_PER_PAGE = 100;
const INSTANCES_PER_PAGE = 1_000;
const IMAGE_IDS_PER_CALL = 200;
const ALIAS_VERSIONS_PER_PAGE = 200;
const LAUNCH_CONFIGURATIONS_PER_CALL = 50;
const ALARM_NAMES_PER_CALL = 100;
/** DescribeInstanceImageMetadata: the reader asks about one instance per AMI, this many instances a call. */
const INSTANCES_PER_IMAGE_METADATA_CALL = 100;
const ALIASES = new Set(['$Latest', '$Default']);

const pages = (items: number, perPage: number) => Math.ceil(items / perPage);

/** A read: every Describe* and Get* action. */
export const isRead = (action: string): boolean => action.startsWith('Describe') || action.startsWith('Get');

/** What reading the account takes, counted from the seeded account before the run changes it (replacements launch during the run). */
export interface FleetNeeds {
  readonly groups: number;
  readonly liveInstances: number;
  /** AMIs the live instances run and the groups' launch templates and configurations name. */
  readonly images: number;
  /**
   * AMIs live instances run that DescribeImages answers as `deregistered` or not at all: what they were is asked of
   * DescribeInstanceImageMetadata (contract section 8), one instance per AMI.
   */
  readonly goneImages: number;
  /** A blocked-AMIs parameter is configured: one GetParameter a run, whatever it holds. */
  readonly readsBlockedAmis: boolean;
  /** Templates the account-wide listing answers for: named at `$Latest`/`$Default`, or at the number of one of them. */
  readonly templatesListed: number;
  /** Templates named at a number that is neither their latest nor their default: a call each. */
  readonly templatesAtOlderNumber: number;
  /** Templates named at any number: what the floor counts a call for. */
  readonly templatesAtNumber: number;
  readonly launchConfigurations: number;
  readonly targetGroupsOf: ReadonlyMap<string, readonly string[]>;
  readonly loadBalancersOf: ReadonlyMap<string, readonly string[]>;
  readonly alarmsOf: ReadonlyMap<string, readonly string[]>;
}

/** Every launch template a group names, its mixed-instances overrides included. */
function templateRefs(account: FakeAccount): TemplateRef[] {
  return Object.values(account.state.groups).flatMap((group) => {
    const mixed = group.mixedInstancesPolicy;
    return [group.launchTemplate, mixed?.launchTemplate, ...(mixed?.overrides ?? []).map((override) => override.launchTemplate)].filter((ref): ref is TemplateRef => ref !== undefined);
  });
}

/** The AMI a template reference launches, `resolve:ssm:` followed through the account's parameters. */
const templateOf = (account: FakeAccount, ref: TemplateRef) => Object.values(account.state.templates).find((candidate) => candidate.id === ref.id || candidate.name === ref.name);

const latestVersion = (template: { readonly versions: readonly { readonly number: number }[] }): number => Math.max(...template.versions.map((version) => version.number));

/** A reference the account-wide `$Latest`/`$Default` listing answers: an alias, or the number of the latest or default version. */
function listed(account: FakeAccount, ref: TemplateRef): boolean {
  if (ALIASES.has(ref.version ?? '$Default')) return true;
  const template = templateOf(account, ref);
  if (!template) return false;
  const latest = latestVersion(template);
  return Number(ref.version) === latest || Number(ref.version) === template.defaultVersion;
}

function launchImage(account: FakeAccount, ref: TemplateRef): string | undefined {
  const template = templateOf(account, ref);
  if (!template) return undefined;
  const latest = latestVersion(template);
  const number = ref.version === '$Latest' ? latest : ref.version === '$Default' || ref.version === undefined ? template.defaultVersion : Number(ref.version);
  const imageId = template.versions.find((version) => version.number === number)?.imageId;
  if (!imageId?.startsWith('resolve:ssm:')) return imageId;
  return account.state.parameters[imageId.slice('resolve:ssm:'.length)]?.value;
}

export function fleetNeeds(account: FakeAccount, policyAlarmNames: readonly string[], blockedAmisParameter?: string): FleetNeeds {
  const instances = Object.values(account.state.instances).filter((instance) => LIVE_STATES.has(instance.state));
  const groups = Object.values(account.state.groups);
  const refs = templateRefs(account);
  const key = (ref: TemplateRef) => ref.id ?? ref.name ?? '';
  const configurations = new Set(groups.flatMap((group) => (group.launchConfigurationName ? [group.launchConfigurationName] : [])));
  const images = new Set([
    ...instances.map((instance) => instance.imageId),
    ...refs.flatMap((ref) => launchImage(account, ref) ?? []),
    ...[...configurations].flatMap((name) => account.state.launchConfigurations[name]?.imageId ?? []),
  ]);
  const tag = (tags: readonly { key: string; value: string }[], name: string) => tags.find((entry) => entry.key === name)?.value ?? '';
  const described = (imageId: string) => ['available', 'disabled'].includes(account.state.images[imageId]?.state ?? 'gone');
  const gone = new Set(instances.map((instance) => instance.imageId).filter((imageId) => !described(imageId)));
  return {
    groups: groups.length,
    liveInstances: instances.length,
    images: images.size,
    goneImages: gone.size,
    readsBlockedAmis: Boolean(blockedAmisParameter),
    templatesListed: new Set(refs.filter((ref) => listed(account, ref)).map(key)).size,
    templatesAtOlderNumber: new Set(refs.filter((ref) => !listed(account, ref)).map(key)).size,
    templatesAtNumber: new Set(refs.filter((ref) => !ALIASES.has(ref.version ?? '$Default')).map(key)).size,
    launchConfigurations: configurations.size,
    targetGroupsOf: new Map(groups.map((group) => [group.name, [...group.targetGroupArns]])),
    loadBalancersOf: new Map(groups.map((group) => [group.name, [...group.loadBalancerNames]])),
    alarmsOf: new Map(
      groups.map((group) => {
        const own = tag(group.tags, TAG.alarms).split(',').map((name) => name.trim()).filter(Boolean);
        return [group.name, [...policyAlarmNames, ...own]];
      }),
    ),
  };
}

/** Groups that act in the run: a termination or a surge step in its report. Only theirs are gate reads the run needs. */
export function actingGroups(report: RunReport): string[] {
  return [...new Set([...report.terminated.map((entry) => entry.group), ...report.surges.map((surge) => surge.group)])];
}

/**
 * The floor of read calls, by action: pages of 100 groups and 1,000 instances, AMIs 200 a batch,
 * one account-wide `$Latest`/`$Default` listing (200 a page), which also answers for a version named by
 * the number of the latest or default version, one call per template named by an older version number,
 * launch configurations 50 a batch, and gate reads only for the groups that act. Three reads the contract demands of
 * any run count too: the acting groups read again before the first write (section 9, 100 names a page; none in a dry
 * run), what gone AMIs were (section 8, DescribeInstanceImageMetadata) and the blocked-AMIs parameter when configured.
 */
export function readFloor(needs: FleetNeeds, report: RunReport): Map<string, number> {
  const acting = actingGroups(report);
  const distinct = (of: ReadonlyMap<string, readonly string[]>) => new Set(acting.flatMap((name) => of.get(name) ?? [])).size;
  const freshRead = report.dryRun ? 0 : pages(acting.length, GROUPS_PER_PAGE);
  return new Map([
    ['DescribeAutoScalingGroups', Math.max(1, pages(needs.groups, GROUPS_PER_PAGE)) + freshRead],
    ['DescribeInstances', Math.max(1, pages(needs.liveInstances, INSTANCES_PER_PAGE))],
    ['DescribeImages', pages(needs.images, IMAGE_IDS_PER_CALL)],
    ['DescribeLaunchTemplateVersions', pages(needs.templatesListed, ALIAS_VERSIONS_PER_PAGE) + needs.templatesAtOlderNumber],
    ['DescribeLaunchConfigurations', pages(needs.launchConfigurations, LAUNCH_CONFIGURATIONS_PER_CALL)],
    ['DescribeInstanceRefreshes', acting.length],
    ['DescribeScalingActivities', acting.length],
    ['DescribeTargetHealth', distinct(needs.targetGroupsOf)],
    ['DescribeInstanceHealth', distinct(needs.loadBalancersOf)],
    ['DescribeAlarms', pages(distinct(needs.alarmsOf), ALARM_NAMES_PER_CALL)],
    ['DescribeInstanceImageMetadata', pages(needs.goneImages, INSTANCES_PER_IMAGE_METADATA_CALL)],
    ['GetParameter', needs.readsBlockedAmis ? 1 : 0],
  ]);
}

/** The read-to-floor target: reads at most 10% above the least the fleet needs. */
export const READS_OVER_FLOOR_AT_MOST = 1.1;

/** Read calls (every Describe and Get action) the run made, and the least it could have made (the floor's sum). */
export function readsAgainstFloor(account: FakeAccount, floor: ReadonlyMap<string, number>): { reads: number; least: number } {
  const reads = account.calls.filter((call) => isRead(call.action)).length;
  const least = [...floor.values()].reduce((sum, calls) => sum + calls, 0);
  return { reads, least };
}

/** How the launch template part of the floor is made up, for the printed breakdown. */
export function templateFloorNote(needs: FleetNeeds): string {
  return (
    `${pages(needs.templatesListed, ALIAS_VERSIONS_PER_PAGE)} listing page(s) for ${needs.templatesListed} templates at $Latest/$Default or their number + ` +
    `${needs.templatesAtOlderNumber} at an older number (a call for each of the ${needs.templatesAtNumber} at a number would be ${needs.templatesAtNumber - needs.templatesAtOlderNumber} more)`
  );
}
