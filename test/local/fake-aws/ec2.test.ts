import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  paginateDescribeImages,
  paginateDescribeInstanceImageMetadata,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplateVersions,
} from '@aws-sdk/client-ec2';
import { DAY, NOW, seedWebGroup, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('DescribeInstances', () => {
  it('pages through instances with the state filter, showing launch and attach times separately', async () => {
    const { instanceIds } = seedWebGroup(h.account);
    const moved = h.account.addInstance({ imageId: h.account.addImage(), launchTime: NOW - DAY, eniAttachTime: NOW - 40 * DAY, rootVolumeAttachTime: NOW - 39 * DAY, state: 'stopped' });
    const gone = h.account.addInstance({ imageId: h.account.addImage(), state: 'terminated' });
    for (let index = 0; index < 4; index += 1) h.account.addInstance({ imageId: h.account.addImage() });

    const pages = [];
    for await (const page of paginateDescribeInstances({ client: h.ec2, pageSize: 1000 }, { MaxResults: 1000, Filters: [{ Name: 'instance-state-name', Values: ['running', 'stopped'] }] })) {
      pages.push(page.Reservations?.flatMap((reservation) => reservation.Instances ?? []) ?? []);
    }
    const instances = pages.flat();
    expect(pages.map((page) => page.length)).toEqual([5, 3]);
    expect(instances.map((instance) => instance.InstanceId)).toEqual(expect.arrayContaining([...instanceIds, moved]));
    expect(instances.map((instance) => instance.InstanceId)).not.toContain(gone);
    const stopped = instances.find((instance) => instance.InstanceId === moved);
    expect(stopped).toMatchObject({
      State: { Name: 'stopped', Code: 80 },
      LaunchTime: new Date(NOW - DAY),
      RootDeviceName: '/dev/xvda',
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { AttachTime: new Date(NOW - 39 * DAY) } }],
      NetworkInterfaces: [{ Attachment: { DeviceIndex: 0, AttachTime: new Date(NOW - 40 * DAY) } }],
    });
    expect(instances.find((instance) => instance.InstanceId === instanceIds[0])?.Tags).toEqual([{ Key: 'aws:autoscaling:groupName', Value: 'web' }]);
  });

  it('keeps terminated instances listed, and refuses MaxResults with InstanceIds', async () => {
    const id = h.account.addInstance({ imageId: h.account.addImage(), state: 'terminated' });
    const response = await h.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    expect(response.Reservations?.[0]?.Instances?.[0]?.State?.Name).toBe('terminated');
    await expect(h.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id], MaxResults: 5 }))).rejects.toMatchObject({ name: 'InvalidParameterCombination' });
    await expect(h.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123'] }))).rejects.toMatchObject({
      name: 'InvalidInstanceID.NotFound',
      message: "The instance ID 'i-0123' does not exist",
    });
  });
});

describe('DescribeImages', () => {
  it('fails the whole call for an unknown or long-gone ID, naming them all', async () => {
    const live = h.account.addImage();
    const gone = h.account.addImage();
    h.account.deregisterImage(gone, { gone: true });
    const call = h.ec2.send(new DescribeImagesCommand({ ImageIds: [live, gone, 'ami-1'] }));
    await expect(call).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
      message: `The image ids '[${gone}, ami-1]' do not exist`,
      $metadata: { httpStatusCode: 400 },
    });
    await expect(h.ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-1'] }))).rejects.toThrow("The image id '[ami-1]' does not exist");
  });

  it('returns recently deregistered images (the brief listed phase), disabled ones only when asked, deprecation times', async () => {
    const deregistered = h.account.addImage();
    h.account.deregisterImage(deregistered, { listedForMs: 60_000 });
    const disabled = h.account.addImage();
    h.account.disableImage(disabled);
    const deprecated = h.account.addImage({ creationDate: NOW - 400 * DAY, deprecationTime: NOW - DAY });
    const ids = [deregistered, disabled, deprecated];

    const without = await h.ec2.send(new DescribeImagesCommand({ ImageIds: ids }));
    expect(without.Images?.map((image) => [image.ImageId, image.State])).toEqual([
      [deregistered, 'deregistered'],
      [deprecated, 'available'],
    ]);
    const all = await h.ec2.send(new DescribeImagesCommand({ ImageIds: ids, IncludeDeprecated: true, IncludeDisabled: true, Owners: ['self'] }));
    expect(all.Images?.map((image) => image.State)).toEqual(['deregistered', 'disabled', 'available']);
    expect(all.Images?.[2]).toMatchObject({ DeprecationTime: new Date(NOW - DAY).toISOString(), CreationDate: new Date(NOW - 400 * DAY).toISOString() });
    const filtered = await h.ec2.send(new DescribeImagesCommand({ Filters: [{ Name: 'image-id', Values: [deprecated, 'ami-999'] }] }));
    expect(filtered.Images?.map((image) => image.ImageId)).toEqual([deprecated]);
  });

  it('answers a deregistered AMI asked by ID with empty results while an instance runs it, then InvalidAMIID.NotFound once none does', async () => {
    const live = h.account.addImage();
    const deregistered = h.account.addImage();
    h.account.addLaunchTemplate({ name: 'old', imageId: deregistered });
    h.account.addGroup({ name: 'old', minSize: 0, desiredCapacity: 2, launchTemplate: { name: 'old' } });
    const [running = '', stopped = ''] = h.account.fillGroup('old');
    h.account.addInstance({ imageId: deregistered, state: 'terminated' });
    h.account.deregisterImage(deregistered);

    const whileRunning = await h.ec2.send(new DescribeImagesCommand({ ImageIds: [live, deregistered], IncludeDeprecated: true, IncludeDisabled: true }));
    expect(whileRunning.Images?.map((image) => image.ImageId)).toEqual([live]);
    expect(whileRunning.NextToken).toBeUndefined();
    expect((await h.ec2.send(new DescribeImagesCommand({}))).Images?.map((image) => image.ImageId)).toEqual([live]);

    h.account.terminateInstanceInGroup(running, true);
    h.account.tick();
    h.account.stopInstance(stopped);
    expect(h.account.instance(running).state).toBe('terminated');
    expect((await h.ec2.send(new DescribeImagesCommand({ ImageIds: [deregistered] }))).Images).toEqual([]);

    h.account.terminateInstanceInGroup(stopped, true);
    h.account.tick();
    await expect(h.ec2.send(new DescribeImagesCommand({ ImageIds: [live, deregistered] }))).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
      message: `The image id '[${deregistered}]' does not exist`,
    });
  });

  it('returns a recently deregistered AMI with state deregistered only for the interval asked, then answers empty', async () => {
    let now = NOW;
    const clocked = await startHarness({ account: { now: () => now } });
    try {
      const imageId = clocked.account.addImage();
      clocked.account.addInstance({ imageId });
      clocked.account.deregisterImage(imageId, { listedForMs: 60_000 });
      expect((await clocked.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.map((image) => image.State)).toEqual(['deregistered']);

      now += 60_000;
      expect((await clocked.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images).toEqual([]);
    } finally {
      await clocked.close();
    }
  });

  it('pages named images even without MaxResults: a caller that ignores NextToken misses some, the token gets the rest', async () => {
    const ids = Array.from({ length: 7 }, () => h.account.addImage());
    const first = await h.ec2.send(new DescribeImagesCommand({ ImageIds: ids }));
    expect(first.Images?.map((image) => image.ImageId)).toEqual(ids.slice(0, 3));
    expect(first.NextToken).toEqual(expect.any(String));
    const second = await h.ec2.send(new DescribeImagesCommand({ ImageIds: ids, NextToken: first.NextToken }));
    expect(second.Images?.map((image) => image.ImageId)).toEqual(ids.slice(3, 6));
    const pages = [];
    for await (const page of paginateDescribeImages({ client: h.ec2 }, { ImageIds: ids, MaxResults: 2 })) pages.push(page.Images?.map((image) => image.ImageId) ?? []);
    expect(pages).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4, 6), ids.slice(6)]);
    expect((await h.ec2.send(new DescribeImagesCommand({}))).Images).toHaveLength(7);
    await expect(h.ec2.send(new DescribeImagesCommand({ ImageIds: ids, NextToken: 'bogus' }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});

describe('DescribeInstanceImageMetadata', () => {
  it('tells what each instance was launched from, even when the AMI is gone, page by page', async () => {
    const imageId = h.account.addImage({ name: 'old', creationDate: NOW - 300 * DAY });
    const ids = Array.from({ length: 7 }, () => h.account.addInstance({ imageId }));
    h.account.deregisterImage(imageId, { gone: true });
    const entries = [];
    for await (const page of paginateDescribeInstanceImageMetadata({ client: h.ec2 }, { InstanceIds: ids })) entries.push(...(page.InstanceImageMetadata ?? []));
    expect(entries.map((entry) => entry.InstanceId)).toEqual(ids);
    expect(entries[0]?.ImageMetadata).toMatchObject({ ImageId: imageId, Name: 'old', State: 'deregistered', CreationDate: new Date(NOW - 300 * DAY).toISOString() });
    expect(h.account.calls.filter((call) => call.action === 'DescribeInstanceImageMetadata')).toHaveLength(2);
  });
});

describe('DescribeLaunchTemplateVersions', () => {
  it('resolves $Latest, $Default and numbers, and resolve:ssm aliases only when asked', async () => {
    const first = h.account.addImage();
    const second = h.account.addImage();
    h.account.putParameter('/golden/web', second);
    const id = h.account.addLaunchTemplate({ name: 'web', imageId: first });
    h.account.addLaunchTemplateVersion('web', { imageId: 'resolve:ssm:/golden/web' });

    const resolved = await h.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'web', Versions: ['$Latest', '$Default', '1'], ResolveAlias: true }));
    expect(resolved.LaunchTemplateVersions?.map((v) => [v.VersionNumber, v.DefaultVersion, v.LaunchTemplateData?.ImageId])).toEqual([
      [2, false, second],
      [1, true, first],
    ]);
    const raw = await h.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id, Versions: ['2'] }));
    expect(raw.LaunchTemplateVersions?.[0]?.LaunchTemplateData?.ImageId).toBe('resolve:ssm:/golden/web');
  });

  it('answers unknown templates with the AWS error codes', async () => {
    await expect(h.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: 'lt-0abc', Versions: ['$Latest'] }))).rejects.toMatchObject({
      name: 'InvalidLaunchTemplateId.NotFound',
    });
    await expect(h.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'nope' }))).rejects.toMatchObject({
      name: 'InvalidLaunchTemplateName.NotFoundException',
    });
  });

  it('describes $Latest/$Default of every template account-wide, page by page, and refuses numbers there', async () => {
    const imageId = h.account.addImage();
    for (const name of ['a', 'b', 'c']) h.account.addLaunchTemplate({ name, imageId });
    h.account.addLaunchTemplateVersion('b', { imageId });
    const versions = [];
    for await (const page of paginateDescribeLaunchTemplateVersions({ client: h.ec2 }, { Versions: ['$Latest', '$Default'] })) versions.push(...(page.LaunchTemplateVersions ?? []));
    expect(versions.map((v) => `${v.LaunchTemplateName ?? ''}:${v.VersionNumber ?? 0}`)).toEqual(['a:1', 'b:2', 'b:1', 'c:1']);
    await expect(h.ec2.send(new DescribeLaunchTemplateVersionsCommand({ Versions: ['1'] }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});
