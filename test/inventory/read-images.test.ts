import { DescribeImagesCommand, DescribeInstanceImageMetadataCommand, EC2Client, type ImageMetadata } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { describeImages, readImages } from '../../lambda/inventory/read-images';
import type { InstanceSnapshot } from '../../lambda/model/fleet';
import { makeInstance } from '../factories';
import { daysAgo, notFound, testClients } from './aws-fixtures';

const ec2 = mockClient(EC2Client);
const denied = () => Object.assign(new Error('You are not authorized to perform this operation.'), { name: 'UnauthorizedOperation' });
const throttled = () => Object.assign(new Error('Request limit exceeded.'), { name: 'RequestLimitExceeded', $retryable: { throttling: true } });

beforeEach(() => ec2.reset());

const available = (id: string) => ({ ImageId: id, State: 'available' as const, CreationDate: daysAgo(3).toISOString() });
const on = (id: string, imageId: string): InstanceSnapshot => makeInstance({ id, imageId });
const metadataFor = (instanceId: string, image: ImageMetadata) => ({ InstanceImageMetadata: [{ InstanceId: instanceId, ImageMetadata: image }] });

describe('readImages: an AMI absent from a successful DescribeImages answer is gone', () => {
  it('absent after the last page: missing (ami-missing applies), enriched from instance metadata, nothing reported', async () => {
    ec2
      .on(DescribeImagesCommand)
      .resolvesOnce({ Images: [available('ami-live')], NextToken: 'p2' })
      .resolvesOnce({ Images: [] });
    ec2.on(DescribeInstanceImageMetadataCommand).resolves(metadataFor('i-1', { ImageId: 'ami-gone', Name: 'base-2025', State: 'deregistered', CreationDate: daysAgo(300).toISOString() }));

    const read = await readImages(testClients(), [on('i-1', 'ami-gone'), on('i-2', 'ami-live')]);

    expect(read.images.get('ami-gone')).toEqual({ imageId: 'ami-gone', state: 'missing', name: 'base-2025', creationDate: daysAgo(300).getTime(), deprecationTime: undefined });
    expect(read.images.get('ami-live')?.state).toBe('available');
    expect(read.errors).toEqual([]);
    expect(ec2).toHaveReceivedCommandWith(DescribeImagesCommand, { ImageIds: ['ami-gone', 'ami-live'], NextToken: 'p2' });
    expect(ec2).toHaveReceivedCommandWith(DescribeInstanceImageMetadataCommand, { InstanceIds: ['i-1'] });
  });

  it.each([
    ['denied (UnauthorizedOperation, as EC2 answers)', denied(), 'UnauthorizedOperation', 'read-denied'],
    ['throttled past every retry', throttled(), 'RequestLimitExceeded', 'read-failed'],
  ])('instance metadata %s: the AMI is still missing, and the failure is reported as %s', async (_title, failure, code, errorCode) => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [] });
    ec2.on(DescribeInstanceImageMetadataCommand).rejects(failure);

    const read = await readImages(testClients(), [on('i-1', 'ami-gone')]);

    expect(read.images.get('ami-gone')).toEqual({ imageId: 'ami-gone', state: 'missing' });
    expect(read.errors).toEqual([{ code: errorCode, message: expect.stringMatching(new RegExp(`DescribeInstanceImageMetadata failed: ${code}`)) }]);
  });

  it('not allowed by the account (metadata: available, ImageAllowed false): not gone, judged from its metadata, marked not allowed', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [] });
    ec2.on(DescribeInstanceImageMetadataCommand).resolves(
      metadataFor('i-1', { ImageId: 'ami-vendor', Name: 'vendor-2026', State: 'available', ImageAllowed: false, CreationDate: daysAgo(40).toISOString() }),
    );

    const read = await readImages(testClients(), [on('i-1', 'ami-vendor')]);

    expect(read.images.get('ami-vendor')).toMatchObject({ state: 'available', allowed: false, name: 'vendor-2026', creationDate: daysAgo(40).getTime() });
    expect(read.errors).toEqual([]);
  });

  it.each<[string, ImageMetadata]>([
    ['deregistered and not allowed', { ImageId: 'ami-x', State: 'deregistered', ImageAllowed: false }],
    ['available and allowed, yet not described (no longer shared)', { ImageId: 'ami-x', State: 'available', ImageAllowed: true }],
    ['no state at all', { ImageId: 'ami-x', ImageAllowed: false }],
  ])('metadata %s: still missing', async (_title, image) => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [] });
    ec2.on(DescribeInstanceImageMetadataCommand).resolves(metadataFor('i-1', image));

    const read = await readImages(testClients(), [on('i-1', 'ami-x')]);

    expect(read.images.get('ami-x')?.state).toBe('missing');
    expect(read.images.get('ami-x')?.allowed).toBeUndefined();
  });

  it('a failed DescribeImages is unknown, never missing: no verdict, the failure reported, no metadata asked', async () => {
    ec2.on(DescribeImagesCommand).rejects(throttled());

    const read = await readImages(testClients(), [on('i-1', 'ami-a')]);

    expect(read.images.has('ami-a')).toBe(false);
    expect(read.errors).toEqual([{ code: 'read-failed', message: expect.stringContaining('DescribeImages failed for ami-a: RequestLimitExceeded') }]);
    expect(ec2).not.toHaveReceivedCommand(DescribeInstanceImageMetadataCommand);
  });
});

describe('describeImages (what groups launch): the same rule, without instance metadata', () => {
  it('a launch AMI absent from a successful answer is missing; one on a later page is available', async () => {
    ec2
      .on(DescribeImagesCommand)
      .resolvesOnce({ Images: [], NextToken: 'p2' })
      .resolvesOnce({ Images: [available('ami-b')] });

    const read = await describeImages(testClients(), ['ami-a', 'ami-b']);

    expect(read.images.get('ami-a')).toEqual({ imageId: 'ami-a', state: 'missing' });
    expect(read.images.get('ami-b')?.state).toBe('available');
    expect(read.errors).toEqual([]);
    expect(ec2).not.toHaveReceivedCommand(DescribeInstanceImageMetadataCommand);
  });

  it('an AMI the answer names but nobody asked for is ignored; a definitive not-found is missing too', async () => {
    ec2.on(DescribeImagesCommand, { ImageIds: ['ami-a', 'ami-b'] }).rejects(notFound("The image id '[ami-b]' does not exist"));
    ec2.on(DescribeImagesCommand, { ImageIds: ['ami-a'] }).resolves({ Images: [available('ami-a'), available('ami-other')] });

    const read = await describeImages(testClients(), ['ami-a', 'ami-b']);

    expect([...read.images.keys()].sort()).toEqual(['ami-a', 'ami-b']);
    expect(read.images.get('ami-b')?.state).toBe('missing');
  });
});
