import { DescribeInstancesCommand, type DescribeInstancesCommandInput, type DescribeInstancesCommandOutput, type Instance } from '@aws-sdk/client-ec2';
import type { DeserializeMiddleware } from '@smithy/types';
import { Readable } from 'node:stream';
import type { AwsClients } from '../clients';
import type { InstanceSnapshot } from '../model/fleet';
import { Interned } from '../util/interned';
import { InstancesPageReader, type InstancesPage } from './instances-page-reader';

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

async function readBody(body: unknown, reader: InstancesPageReader): Promise<void> {
  const decoder = new TextDecoder();
  if (typeof body === 'string') reader.write(body);
  else if (body instanceof Uint8Array) reader.write(decoder.decode(body));
  else for await (const chunk of body as AsyncIterable<Uint8Array | string>) reader.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  reader.write(decoder.decode());
}

/**
 * Reads a successful answer's body into snapshots as it arrives, inside the SDK's deserializer (step `deserialize`,
 * priority `low`: it runs on the raw response before the deserializer parses it), then hands the SDK an empty answer.
 * Each attempt reads afresh, so a retried call keeps only the answer that succeeded. Errors (status >= 300) go to the
 * SDK untouched: throttling is retried and failures are typed as for any call.
 */
function pageReading(interned: Interned, onPage: (page: InstancesPage) => void): DeserializeMiddleware<DescribeInstancesCommandInput, DescribeInstancesCommandOutput> {
  return (next) => async (args) => {
    const result = await next(args);
    const response = result.response as { statusCode?: number; body?: unknown };
    if ((response.statusCode ?? 500) >= 300) return result;
    const reader = new InstancesPageReader(interned);
    await readBody(response.body, reader);
    onPage(reader.close());
    response.body = Readable.from([Buffer.from(READ_ANSWER)]);
    return result;
  };
}

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
    command.middlewareStack.add(pageReading(interned, (page) => (read = page)), { step: 'deserialize', priority: 'low', name: 'reaperInstancesPageReading' });
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
 * Every pending, running, stopping or stopped instance, 1,000 a page. A chain of pages is read one page after another,
 * so with the zones known each zone is its own chain and the chains run side by side: a run waits for the largest zone's
 * pages, not the region's. Each chain keeps its own instances, merged in the order of the zones, so the snapshot's order
 * does not depend on which zone answered first. Pages are read into snapshots as they arrive and the SDK keeps none of
 * EC2's answers: memory grows with the instances' snapshots, not with the answers' size.
 */
export async function readInstances(clients: AwsClients, zones?: readonly string[]): Promise<Map<string, InstanceSnapshot>> {
  const interned = new Interned();
  const chains = zones && zones.length > 0 ? zones : [undefined];
  const read = await Promise.all(
    chains.map(async (zone) => {
      const instances = new Map<string, InstanceSnapshot>();
      await readChain(clients, zone, interned, instances);
      return instances;
    }),
  );
  if (read.length === 1) return read[0] ?? new Map<string, InstanceSnapshot>();
  const merged = new Map<string, InstanceSnapshot>();
  for (const instances of read) for (const [instanceId, instance] of instances) merged.set(instanceId, instance);
  return merged;
}
