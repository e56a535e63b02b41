import { paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { describeImages } from '../../lambda/inventory/read-images';
import type { CliClients } from './cli-clients';

/** The states the function reads instances in: a terminated instance is in no fleet. */
const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

/** Live instances matching one filter, as `instance ID -> AMI`. A filter answers for unknown values with nothing, where `InstanceIds` would fail the call. */
async function liveInstances(clients: CliClients, filterName: 'instance-id' | 'image-id', values: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const filters = [
    { Name: filterName, Values: [...values] },
    { Name: 'instance-state-name', Values: LIVE_STATES },
  ];
  for await (const page of paginateDescribeInstances({ client: clients.ec2 }, { Filters: filters, MaxResults: 1000 })) {
    for (const instance of (page.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? [])) {
      if (instance.InstanceId && LIVE_STATES.includes(instance.State?.Name ?? '')) found.set(instance.InstanceId, instance.ImageId ?? '');
    }
  }
  return found;
}

export interface UnknownAmis {
  /** No live instance runs them and EC2 answers that they do not exist. */
  readonly nowhere: readonly string[];
  /** No live instance runs them and EC2 could not be asked (denied, throttled): not refused, only said. */
  readonly unchecked: readonly string[];
}

/**
 * AMIs that exist nowhere. An AMI instances still run counts, even when EC2 no longer describes it
 * (deregistered: exactly what an emergency may block); so does one EC2 knows that nothing runs yet.
 */
export async function findUnknownAmis(clients: CliClients, amiIds: readonly string[]): Promise<UnknownAmis> {
  if (amiIds.length === 0) return { nowhere: [], unchecked: [] };
  const running = new Set((await liveInstances(clients, 'image-id', amiIds)).values());
  const idle = amiIds.filter((id) => !running.has(id));
  if (idle.length === 0) return { nowhere: [], unchecked: [] };
  const { images } = await describeImages(clients, idle);
  return {
    nowhere: idle.filter((id) => images.get(id)?.state === 'missing'),
    unchecked: idle.filter((id) => !images.has(id)),
  };
}

/** Instance IDs EC2 does not know, or knows only as terminated. */
export async function findUnknownInstances(clients: CliClients, instanceIds: readonly string[]): Promise<string[]> {
  if (instanceIds.length === 0) return [];
  const live = await liveInstances(clients, 'instance-id', instanceIds);
  return instanceIds.filter((id) => !live.has(id));
}
