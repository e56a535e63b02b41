import { DescribeImagesCommand, paginateDescribeInstanceImageMetadata, type Image, type ImageMetadata } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../clients';
import type { ImageSnapshot, InstanceSnapshot, RunError } from '../model/fleet';
import { chunk } from '../util/chunk';
import { mapWithConcurrency } from '../util/map-with-concurrency';
import { describeError, errorName, readFailureCode } from '../util/describe-error';

const NOT_FOUND_CODES = new Set(['InvalidAMIID.NotFound', 'InvalidAMIID.Malformed', 'InvalidAMIID.Unavailable']);
const BATCH = 100;

const time = (text: string | undefined): number | undefined => {
  const parsed = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
};

function toImageSnapshot(image: Image | ImageMetadata): ImageSnapshot {
  return {
    imageId: image.ImageId ?? '',
    state: image.State ?? 'unknown',
    name: image.Name,
    creationDate: time(image.CreationDate),
    deprecationTime: time(image.DeprecationTime),
  };
}

interface BatchResult {
  readonly found: Image[];
  readonly missing: string[];
  readonly errors: RunError[];
}

/** Every page of one DescribeImages answer: an answer that carries a NextToken has more to say. */
async function describeAllPages(clients: AwsClients, ids: readonly string[]): Promise<Image[]> {
  const images: Image[] = [];
  let nextToken: string | undefined;
  do {
    const response = await clients.ec2.send(new DescribeImagesCommand({ ImageIds: [...ids], IncludeDeprecated: true, IncludeDisabled: true, NextToken: nextToken }));
    images.push(...(response.Images ?? []));
    nextToken = response.NextToken;
  } while (nextToken);
  return images;
}

/**
 * One unknown ID in `ImageIds` fails the whole call, so the IDs AWS names are dropped and the rest
 * asked again; when the message names none, the batch is halved until the culprit stands alone.
 * An ID absent from a successful answer (every page) is gone too: "Recently deregistered images appear in the
 * returned results for a short interval and then return empty results", until every instance on them is terminated
 * (EC2 API Reference, DescribeImages). A failed call judges nothing.
 */
async function describeBatch(clients: AwsClients, ids: readonly string[]): Promise<BatchResult> {
  if (ids.length === 0) return { found: [], missing: [], errors: [] };
  try {
    const wanted = new Set(ids);
    const found = (await describeAllPages(clients, ids)).filter((image) => image.ImageId !== undefined && wanted.has(image.ImageId));
    const foundIds = new Set(found.map((image) => image.ImageId));
    return { found, missing: ids.filter((id) => !foundIds.has(id)), errors: [] };
  } catch (error) {
    if (!NOT_FOUND_CODES.has(errorName(error) ?? '')) {
      return { found: [], missing: [], errors: [{ code: readFailureCode(error), message: `DescribeImages failed for ${ids.join(', ')}: ${describeError(error)}` }] };
    }
    if (ids.length === 1) return { found: [], missing: [...ids], errors: [] };
    const mentioned = new Set((error as Error).message.match(/ami-[A-Za-z0-9]+/g) ?? []);
    const named = ids.filter((id) => mentioned.has(id));
    if (named.length > 0) {
      const rest = await describeBatch(clients, ids.filter((id) => !named.includes(id)));
      return { ...rest, missing: [...named, ...rest.missing] };
    }
    const half = Math.ceil(ids.length / 2);
    const [left, right] = await Promise.all([describeBatch(clients, ids.slice(0, half)), describeBatch(clients, ids.slice(half))]);
    return { found: [...left.found, ...right.found], missing: [...left.missing, ...right.missing], errors: [...left.errors, ...right.errors] };
  }
}

/**
 * What instances of gone AMIs were launched from: EC2 still knows it when DescribeImages does not. The metadata is
 * the AMI's, the same for each of its instances, so one instance per AMI is asked about, batches at once.
 */
async function readLaunchedImageMetadata(clients: AwsClients, instances: readonly InstanceSnapshot[]): Promise<Map<string, ImageMetadata>> {
  const onePerImage = new Map<string, string>();
  for (const instance of instances) if (instance.imageId !== undefined && !onePerImage.has(instance.imageId)) onePerImage.set(instance.imageId, instance.instanceId);
  const byImage = new Map<string, ImageMetadata>();
  await mapWithConcurrency(chunk([...onePerImage.values()], BATCH), 4, async (batch) => {
    for await (const page of paginateDescribeInstanceImageMetadata({ client: clients.ec2 }, { InstanceIds: batch })) {
      for (const entry of page.InstanceImageMetadata ?? []) {
        const image = entry.ImageMetadata;
        if (image?.ImageId) byImage.set(image.ImageId, image);
      }
    }
  });
  return byImage;
}

export interface ImageRead {
  readonly images: Map<string, ImageSnapshot>;
  readonly errors: RunError[];
}

/** The named AMIs as EC2 describes them: gone ones (not found, or absent from a complete answer) are marked `missing`. */
export async function describeImages(clients: AwsClients, imageIds: Iterable<string>): Promise<ImageRead> {
  const ids = [...new Set(imageIds)];
  const results = await mapWithConcurrency(chunk(ids, BATCH), 4, (batch) => describeBatch(clients, batch));
  const images = new Map<string, ImageSnapshot>();
  const errors = results.flatMap((result) => result.errors);
  for (const result of results) for (const image of result.found) images.set(image.ImageId ?? '', toImageSnapshot(image));
  const missing = new Set(results.flatMap((result) => result.missing));
  for (const id of missing) images.set(id, { imageId: id, state: 'missing' });
  return { images, errors };
}

/**
 * What DescribeImages no longer tells, from instance metadata; the verdict stays gone. One exception: with the
 * account's Allowed AMIs settings enabled, AMIs they exclude are left out of DescribeImages answers as well, and
 * the metadata tells them apart: ImageAllowed false ("the AMI can't be discovered or used in the account") on an
 * AMI whose state is still `available` (EC2 API Reference, DescribeImages and ImageMetadata). Its instances run
 * fine and are not on a deregistered AMI, so they are judged by its age and deprecation like any other; `allowed`
 * false tells that a group launching it cannot replace anything.
 */
function fromMetadata(image: ImageMetadata, known: ImageSnapshot | undefined): ImageSnapshot {
  const snapshot = toImageSnapshot(image);
  const wasAbsent = known === undefined || known.state === 'missing';
  if (wasAbsent && image.ImageAllowed === false && image.State === 'available') return { ...snapshot, allowed: false };
  return { ...snapshot, state: known?.state ?? 'missing' };
}

/** The AMIs the instances run, with gone ones marked `missing` and enriched from instance image metadata. */
export async function readImages(clients: AwsClients, instances: Iterable<InstanceSnapshot>): Promise<ImageRead> {
  const list = [...instances];
  const { images, errors } = await describeImages(clients, list.flatMap((instance) => (instance.imageId ? [instance.imageId] : [])));
  const missing = new Set([...images.values()].filter((image) => image.state === 'missing').map((image) => image.imageId));
  const gone = list.filter((instance) => instance.imageId !== undefined && (missing.has(instance.imageId) || images.get(instance.imageId)?.state === 'deregistered'));
  if (gone.length === 0) return { images, errors };
  try {
    const metadata = await readLaunchedImageMetadata(clients, gone);
    for (const [id, image] of metadata) images.set(id, fromMetadata(image, images.get(id)));
  } catch (error) {
    // A gone AMI stays gone: the metadata only names it and dates it.
    errors.push({ code: readFailureCode(error), message: `DescribeInstanceImageMetadata failed: ${describeError(error)}; AMIs EC2 no longer describes are judged missing without their name or dates` });
  }
  return { images, errors };
}
