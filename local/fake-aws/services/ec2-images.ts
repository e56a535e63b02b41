import type { DescribeImagesRequest, DescribeImagesResult } from '@aws-sdk/client-ec2';
import type { FakeAccount } from '../account';
import { AwsError } from '../protocol/aws-error';
import { pageOf } from '../protocol/paging';
import type { ImageRecord } from '../state';
import { applyFilters, checkMaxResults, notFound } from './ec2-filters';
import { imageStateName, toImage } from './ec2-shapes';

function imageField(image: ImageRecord, name: string): string | undefined {
  if (name === 'image-id') return image.imageId;
  if (name === 'name') return image.name;
  if (name === 'state') return imageStateName(image);
  if (name === 'owner-id') return image.ownerId;
  return undefined;
}
const knownImageFilter = (name: string): boolean => ['image-id', 'name', 'state', 'owner-id'].includes(name);

/** A deregistered image is returned only for its brief listed phase; after `listedUntil` it is gone. */
const isGone = (image: ImageRecord, now: number): boolean =>
  image.state === 'gone' || (image.state === 'deregistered' && image.listedUntil !== undefined && image.listedUntil <= now);

/** AMIs that a non-terminated instance (running, stopped, ...) was launched from. */
function amisStillRun(account: FakeAccount): Set<string> {
  return new Set(Object.values(account.state.instances).flatMap((instance) => (instance.state === 'terminated' ? [] : [instance.imageId])));
}

/**
 * Named images must all exist: one unknown ID fails the whole call, naming every unknown ID. A gone image is
 * answered with empty results while an instance still runs it, and is unknown only after: "Recently deregistered
 * images appear in the returned results for a short interval and then return empty results. After all instances
 * that reference a deregistered AMI are terminated, specifying the ID of the image will eventually return an
 * error indicating that the AMI ID cannot be found" (EC2 API Reference, DescribeImages).
 */
function namedImages(account: FakeAccount, ids: readonly string[]): ImageRecord[] {
  const malformed = ids.find((id) => !/^ami-[0-9a-f]+$/.test(id));
  if (malformed !== undefined) throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${malformed}" (expecting "ami-...")`);
  const now = account.now();
  const unique = [...new Set(ids)];
  const gone = unique.filter((id) => {
    const image = account.state.images[id];
    return image !== undefined && isGone(image, now);
  });
  const stillRun = gone.length > 0 ? amisStillRun(account) : new Set<string>();
  const missing = unique.filter((id) => !account.state.images[id] || (gone.includes(id) && !stillRun.has(id)));
  if (missing.length > 0) throw notFound('InvalidAMIID.NotFound', 'image id', missing, true);
  return unique.flatMap((id) => (gone.includes(id) ? [] : (account.state.images[id] ?? [])));
}

/**
 * Disabled AMIs only with IncludeDisabled; deprecated ones only with IncludeDeprecated, unless
 * the account owns them. Owners and ExecutableUsers are ignored: every image is visible.
 * Named images come in pages even without MaxResults (AWS's answers can carry a NextToken, and a
 * caller that ignores it misses images); the next call with the same request and the token gets
 * the rest. Without ImageIds or MaxResults everything comes at once.
 */
export function describeImages(account: FakeAccount, input: DescribeImagesRequest): DescribeImagesResult {
  checkMaxResults(input.MaxResults, 1);
  const now = account.now();
  const candidates = input.ImageIds?.length
    ? namedImages(account, input.ImageIds)
    : Object.values(account.state.images).filter((image) => !isGone(image, now));
  const visible = candidates.filter((image) => {
    if (image.state === 'disabled' && !input.IncludeDisabled) return false;
    const deprecated = image.deprecationTime !== undefined && image.deprecationTime <= now;
    return !deprecated || input.IncludeDeprecated === true || image.ownerId === account.state.accountId;
  });
  const matching = applyFilters(visible, input.Filters, imageField, knownImageFilter);
  const paged = Boolean(input.ImageIds?.length) || input.MaxResults !== undefined || Boolean(input.NextToken);
  const page = paged
    ? pageOf(matching, { requested: input.MaxResults, serverMax: account.state.pageSizes.images, nextToken: input.NextToken, invalidTokenCode: 'InvalidParameterValue' })
    : { items: matching };
  return { Images: page.items.map(toImage), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}
