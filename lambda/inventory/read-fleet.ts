import type { AutoScalingGroupsType } from '@aws-sdk/client-auto-scaling';
import type { AwsClients } from '../clients';
import { FleetReadError } from '../errors';
import type { FleetSnapshot, InstanceSnapshot } from '../model/fleet';
import { describeError, readFailureCode } from '../util/describe-error';
import { once } from '../util/once';
import { listAliasVersions } from './list-alias-versions';
import { readBlockedAmis } from './read-blocked-amis';
import { readGroups, toGroupSnapshot, type RawGroups } from './read-groups';
import { describeImages, readImages } from './read-images';
import { readInstances } from './read-instances';
import { launchImageIds, readLaunchImages, TemplateImages } from './read-launch-images';
import { readWarmPools } from './read-warm-pools';
import { readZones } from './read-zones';
import { verifySurgeProofs } from './verify-surge-proofs';

export interface ReadFleetOptions {
  readonly groups?: readonly string[];
  readonly blockedAmisParameter?: string;
  /** The key the function proves its surge records with; without it, no surge record verifies. */
  readonly stateKeyArn?: string;
}

async function essential<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new FleetReadError(`cannot read the fleet: ${what} failed: ${describeError(error)}`, readFailureCode(error), { cause: error });
  }
}

/**
 * Instances were read zone by zone: a member in a zone that was not read may have been missed, so the run reads no
 * further rather than judge its group without it.
 */
function assertZonesCoverMembers(groups: RawGroups['groups'], zones: readonly string[]): void {
  const read = new Set(zones);
  for (const group of groups) {
    const outside = (group.Instances ?? []).find((member) => member.AvailabilityZone && !read.has(member.AvailabilityZone));
    if (outside) {
      throw new FleetReadError(
        `cannot read the fleet: DescribeInstances failed: ${outside.InstanceId ?? 'a member'} of ${group.AutoScalingGroupName ?? 'a group'} is in ${outside.AvailabilityZone ?? ''}, which DescribeAvailabilityZones did not list`,
        'read-failed',
      );
    }
  }
}

/**
 * Reads the fleet into one immutable snapshot. Groups and instances are essential (failure throws);
 * everything else that fails is reported in `errors` and judged as unknown.
 */
export async function readFleet(clients: AwsClients, options: ReadFleetOptions): Promise<FleetSnapshot> {
  // An account with more than a page of groups reads its launch templates as its groups arrive, not after the last page:
  // the account-wide listing starts with the first page, and each page's templates the listing lacks are asked for then.
  const templateImages = new TemplateImages(clients, once(() => listAliasVersions(clients)));
  let large = false;
  const readTemplatesEarly = (page: AutoScalingGroupsType) => {
    large ||= Boolean(page.NextToken) && !options.groups;
    if (large) templateImages.add(page.AutoScalingGroups ?? []);
  };
  const groupsRead = essential<RawGroups>('DescribeAutoScalingGroups', () => readGroups(clients, options.groups, readTemplatesEarly));
  const zonesRead = readZones(clients);
  const instancesRead = zonesRead.then((read) => essential<Map<string, InstanceSnapshot>>('DescribeInstances', () => readInstances(clients, read.zones)));
  // Each read starts as soon as what it needs is in, not when everything before it is: templates with the groups,
  // AMIs with the instances.
  const [raw, instances, blocked, launch, images, warmPools, proofs, zones] = await Promise.all([
    groupsRead,
    instancesRead,
    options.blockedAmisParameter ? readBlockedAmis(clients, options.blockedAmisParameter) : Promise.resolve({ amiIds: [], errors: [] }),
    groupsRead.then((read) => readLaunchImages(clients, read.groups, templateImages)),
    instancesRead.then((read) => readImages(clients, read.values())),
    Promise.all([groupsRead, instancesRead]).then(([groupRead, instanceRead]) => readWarmPools(clients, groupRead.groups, instanceRead)),
    groupsRead.then((read) => verifySurgeProofs(clients, read.groups, options.stateKeyArn)),
    zonesRead,
  ]);
  if (zones.zones) assertZonesCoverMembers(raw.groups, zones.zones);
  // Whether a group can launch at all depends on the AMI it launches now, which no instance may run yet.
  const launchOnly = launchImageIds(launch.byGroup.values()).filter((imageId) => !images.images.has(imageId));
  const launchImages = launchOnly.length > 0 ? await describeImages(clients, launchOnly) : { images: new Map(), errors: [] };
  const groups = raw.groups.map((group) => {
    const name = group.AutoScalingGroupName ?? '';
    return { ...toGroupSnapshot(group), launchImages: launch.byGroup.get(name), surgeProof: proofs.get(name) };
  });
  return {
    groups,
    instances,
    images: new Map([...images.images, ...launchImages.images]),
    blockedAmiIds: blocked.amiIds,
    warmPoolInstanceIds: warmPools.instanceIds,
    limitedToGroups: options.groups !== undefined,
    errors: [...raw.errors, ...zones.errors, ...launch.errors, ...images.errors, ...launchImages.errors, ...warmPools.errors, ...blocked.errors],
  };
}
