import { DescribeInstancesCommand, type DescribeInstancesCommandOutput, type Instance } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../clients';
import type { InstanceSnapshot } from '../model/fleet';
import { Interned } from '../util/interned';
import { InstancesPageReader, type InstancesPage } from './instances-page-reader';
import { readRaw } from './raw-page-reading';

const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

const time = (date: Date | undefined): number | undefined => (date ? date.getTime() : undefined);

/** First-launch witnesses: the primary network interface's and the root volume's attach times. */
export function toInstanceSnapshot(instance: Instance): InstanceSnapshot {
  const primaryEni = instance.NetworkInterfaces?.find((eni) => eni.Attachment?.DeviceIndex === 0);
  const rootVolume = instance.BlockDeviceMappings?.find((mapping) => mapping.DeviceName === instance.RootDeviceName);
  return {
    instanceId: instance.InstanceId ?? '',
    state: instance.State?.Name ?? 'unknown',
    imageId: instance.ImageId,
    instanceType: instance.InstanceType,
    launchTime: time(instance.LaunchTime),
    primaryEniAttachTime: time(primaryEni?.Attachment?.AttachTime),
    rootVolumeAttachTime: time(rootVolume?.Ebs?.AttachTime),
    tags: Object.fromEntries((instance.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])),
  };
}

/** What the SDK is left to parse once the page has been read: an answer with nothing in it. */
const READ_ANSWER = '<DescribeInstancesResponse/>';

/** Reservations the SDK parsed itself (the page was not read raw, as with a stubbed client): the same snapshots. */
function parsedPage(output: DescribeInstancesCommandOutput): InstancesPage {
  const instances = (output.Reservations ?? []).flatMap((reservation) => (reservation.Instances ?? []).map(toInstanceSnapshot));
  return { instances, ...(output.NextToken ? { nextToken: output.NextToken } : {}) };
}

/** One chain of pages (NextToken), all of the region or one zone's, into `instances`. */
async function readChain(clients: AwsClients, zone: string | undefined, interned: Interned, instances: Map<string, InstanceSnapshot>): Promise<void> {
  const filters = [{ Name: 'instance-state-name', Values: LIVE_STATES }, ...(zone ? [{ Name: 'availability-zone', Values: [zone] }] : [])];
  let nextToken: string | undefined;
  do {
    let read: InstancesPage | undefined;
    const command = new DescribeInstancesCommand({ MaxResults: 1000, Filters: filters, ...(nextToken ? { NextToken: nextToken } : {}) });
    readRaw(command, () => new InstancesPageReader(interned), READ_ANSWER, (page) => (read = page));
    const output = await clients.ec2.send(command);
    const page = read ?? parsedPage(output);
    for (const instance of page.instances) {
      // Filtered again here: the state filter is the server's to honour, the rule is ours.
      if (instance.instanceId && LIVE_STATES.includes(instance.state)) instances.set(instance.instanceId, instance);
    }
    nextToken = page.nextToken || undefined;
  } while (nextToken);
}

/**
 * Every pending, running, stopping or stopped instance, 1,000 a page, by instance ID. A chain of pages is read one
 * page after another, so with the zones known each zone is its own chain and the chains run side by side: a run waits
 * for the largest zone's pages, not the region's. The snapshot lists instances by ID, however they were read (one
 * chain or one per zone, whichever answered first): AWS's order is its own, and the plan's ties must not follow it.
 * Pages are read into snapshots as they arrive and the SDK keeps none of EC2's answers: memory grows with the
 * instances' snapshots, not with the answers' size.
 */
export async function readInstances(clients: AwsClients, zones?: readonly string[]): Promise<Map<string, InstanceSnapshot>> {
  const interned = new Interned();
  const chains = zones && zones.length > 0 ? zones : [undefined];
  const read = new Map<string, InstanceSnapshot>();
  await Promise.all(chains.map((zone) => readChain(clients, zone, interned, read)));
  return new Map([...read].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
