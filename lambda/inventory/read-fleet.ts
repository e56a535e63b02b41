import type { AwsClients } from '../clients';
import { FleetReadError } from '../errors';
import type { FleetSnapshot, InstanceSnapshot } from '../model/fleet';
import { describeError } from './describe-error';
import { readBlockedAmis } from './read-blocked-amis';
import { readGroups, toGroupSnapshot, type RawGroups } from './read-groups';
import { readImages } from './read-images';
import { readInstances } from './read-instances';
import { readLaunchImages } from './read-launch-images';

export interface ReadFleetOptions {
  readonly groups?: readonly string[];
  readonly blockedAmisParameter?: string;
}

async function essential<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new FleetReadError(`cannot read the fleet: ${what} failed: ${describeError(error)}`, { cause: error });
  }
}

/**
 * Reads the fleet into one immutable snapshot. Groups and instances are essential (failure throws);
 * everything else that fails is reported in `errors` and judged as unknown.
 */
export async function readFleet(clients: AwsClients, options: ReadFleetOptions): Promise<FleetSnapshot> {
  const [raw, instances, blocked] = await Promise.all([
    essential<RawGroups>('DescribeAutoScalingGroups', () => readGroups(clients, options.groups)),
    essential<Map<string, InstanceSnapshot>>('DescribeInstances', () => readInstances(clients)),
    options.blockedAmisParameter ? readBlockedAmis(clients, options.blockedAmisParameter) : Promise.resolve({ amiIds: [], errors: [] }),
  ]);
  const [launch, images] = await Promise.all([readLaunchImages(clients, raw.groups), readImages(clients, instances.values())]);
  const groups = raw.groups.map((group) => ({ ...toGroupSnapshot(group), launchImages: launch.byGroup.get(group.AutoScalingGroupName ?? '') }));
  return {
    groups,
    instances,
    images: images.images,
    blockedAmiIds: blocked.amiIds,
    limitedToGroups: options.groups !== undefined,
    errors: [...raw.errors, ...launch.errors, ...images.errors, ...blocked.errors],
  };
}
