import { AutoScalingClient, DescribeAutoScalingGroupsCommand, DescribeLaunchConfigurationsCommand } from '@aws-sdk/client-auto-scaling';
import {
  DescribeImagesCommand,
  DescribeInstanceImageMetadataCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { FleetReadError } from '../../lambda/errors';
import { readFleet } from '../../lambda/inventory/read-fleet';
import { awsGroup, awsInstance, daysAgo, notFound, testClients } from './aws-fixtures';

const ec2 = mockClient(EC2Client);
const autoScaling = mockClient(AutoScalingClient);
const ssm = mockClient(SSMClient);

beforeEach(() => {
  ec2.reset();
  autoScaling.reset();
  ssm.reset();
  ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [{ VersionNumber: 3, DefaultVersion: true, LaunchTemplateData: { ImageId: 'ami-new' } }] });
  ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-new', State: 'available', CreationDate: daysAgo(3).toISOString() }] });
});

describe('readFleet', () => {
  it('reads every page of groups (100 a page) and instances (1,000 a page)', async () => {
    autoScaling
      .on(DescribeAutoScalingGroupsCommand)
      .resolvesOnce({ AutoScalingGroups: [awsGroup('web', ['i-1'])], NextToken: 'g2' })
      .resolvesOnce({ AutoScalingGroups: [awsGroup('api', ['i-2'])] });
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce({ Reservations: [{ Instances: [awsInstance('i-1', 3)] }], NextToken: 'p2' })
      .resolvesOnce({ Reservations: [{ Instances: [awsInstance('i-2', 4), awsInstance('i-dead', 1, 'ami-new', { State: { Name: 'terminated' } })] }] });

    const snapshot = await readFleet(testClients(), {});

    expect(snapshot.groups.map((group) => group.name)).toEqual(['web', 'api']);
    expect([...snapshot.instances.keys()]).toEqual(['i-1', 'i-2']);
    expect(autoScaling).toHaveReceivedCommandWith(DescribeAutoScalingGroupsCommand, { MaxRecords: 100 });
    expect(autoScaling).toHaveReceivedNthCommandWith(2, DescribeAutoScalingGroupsCommand, { NextToken: 'g2' });
    expect(ec2).toHaveReceivedCommandWith(DescribeInstancesCommand, {
      MaxResults: 1000,
      Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }],
    });
  });

  it('keeps the first-launch witnesses: primary network interface and root volume attach times', async () => {
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [awsGroup('web', ['i-1'])] });
    const restarted = awsInstance('i-1', 40, 'ami-new', {
      LaunchTime: daysAgo(1),
      NetworkInterfaces: [{ Attachment: { DeviceIndex: 1, AttachTime: daysAgo(2) } }, { Attachment: { DeviceIndex: 0, AttachTime: daysAgo(40) } }],
    });
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [restarted] }] });

    const instance = (await readFleet(testClients(), {})).instances.get('i-1');

    expect(instance?.launchTime).toBe(daysAgo(1).getTime());
    expect(instance?.primaryEniAttachTime).toBe(daysAgo(40).getTime());
    expect(instance?.rootVolumeAttachTime).toBe(daysAgo(40).getTime());
  });

  it('takes the root volume by RootDeviceName, not the first block device mapping', async () => {
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [awsGroup('web', ['i-1'])] });
    const withDataVolume = awsInstance('i-1', 1, 'ami-new', {
      BlockDeviceMappings: [
        { DeviceName: '/dev/sdf', Ebs: { AttachTime: daysAgo(1), VolumeId: 'vol-data' } },
        { DeviceName: '/dev/xvda', Ebs: { AttachTime: daysAgo(40), VolumeId: 'vol-root' } },
      ],
    });
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [withDataVolume] }] });

    const instance = (await readFleet(testClients(), {})).instances.get('i-1');

    expect(instance?.rootVolumeAttachTime).toBe(daysAgo(40).getTime());
  });

  it('keeps the instance maintenance policy MaxHealthyPercentage (above 100: launch before terminate)', async () => {
    const group = awsGroup('web', ['i-1'], { InstanceMaintenancePolicy: { MinHealthyPercentage: 100, MaxHealthyPercentage: 110 } });
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group] });
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [awsInstance('i-1', 3)] }] });

    const snapshot = await readFleet(testClients(), {});

    expect(snapshot.groups[0]?.maxHealthyPercentage).toBe(110);
  });

  it('asks again without a deregistered AMI, marks it missing and learns what it was from instance metadata', async () => {
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [awsGroup('web', ['i-1', 'i-2'])] });
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [awsInstance('i-1', 3, 'ami-gone'), awsInstance('i-2', 3, 'ami-new')] }] });
    ec2
      .on(DescribeImagesCommand)
      .rejectsOnce(notFound("The image id '[ami-gone]' does not exist"))
      .resolves({ Images: [{ ImageId: 'ami-new', State: 'available' }] });
    ec2.on(DescribeInstanceImageMetadataCommand).resolves({
      InstanceImageMetadata: [{ InstanceId: 'i-1', ImageMetadata: { ImageId: 'ami-gone', Name: 'base-2025', CreationDate: daysAgo(300).toISOString(), State: 'deregistered' } }],
    });

    const snapshot = await readFleet(testClients(), {});

    expect(snapshot.images.get('ami-gone')).toMatchObject({ state: 'missing', name: 'base-2025', creationDate: daysAgo(300).getTime() });
    expect(snapshot.images.get('ami-new')?.state).toBe('available');
    const imageCalls = ec2.commandCalls(DescribeImagesCommand).map((call) => call.args[0].input);
    expect(imageCalls).toEqual([
      { ImageIds: ['ami-gone', 'ami-new'], IncludeDeprecated: true, IncludeDisabled: true },
      { ImageIds: ['ami-new'], IncludeDeprecated: true, IncludeDisabled: true },
    ]);
    expect(ec2).toHaveReceivedCommandWith(DescribeInstanceImageMetadataCommand, { InstanceIds: ['i-1'] });
  });

  it('asks for a gone AMI\'s metadata through one of its instances, not all of them', async () => {
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    const instances = Array.from({ length: 250 }, (_, index) => awsInstance(`i-${index}`, 3, index % 2 === 0 ? 'ami-gone-a' : 'ami-gone-b'));
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: instances }] });
    ec2.on(DescribeImagesCommand).rejects(notFound("The image ids '[ami-gone-a, ami-gone-b]' do not exist"));
    ec2.on(DescribeInstanceImageMetadataCommand).callsFake((input: { InstanceIds: string[] }) => ({
      InstanceImageMetadata: input.InstanceIds.map((id) => ({ InstanceId: id, ImageMetadata: { ImageId: Number(id.slice(2)) % 2 === 0 ? 'ami-gone-a' : 'ami-gone-b', Name: 'old' } })),
    }));

    const snapshot = await readFleet(testClients(), {});

    expect(snapshot.images.get('ami-gone-a')).toMatchObject({ state: 'missing', name: 'old' });
    expect(snapshot.images.get('ami-gone-b')).toMatchObject({ state: 'missing', name: 'old' });
    expect(ec2.commandCalls(DescribeInstanceImageMetadataCommand).map((call) => call.args[0].input.InstanceIds)).toEqual([['i-0', 'i-1']]);
  });

  it('halves a batch when AWS does not name the unknown AMI', async () => {
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [awsInstance('i-1', 3, 'ami-a'), awsInstance('i-2', 3, 'ami-b')] }] });
    ec2.on(DescribeImagesCommand, { ImageIds: ['ami-a', 'ami-b'] }).rejects(notFound('One or more image ids do not exist'));
    ec2.on(DescribeImagesCommand, { ImageIds: ['ami-a'] }).rejects(notFound('One or more image ids do not exist'));
    ec2.on(DescribeImagesCommand, { ImageIds: ['ami-b'] }).resolves({ Images: [{ ImageId: 'ami-b', State: 'available' }] });

    const snapshot = await readFleet(testClients(), {});

    expect(snapshot.images.get('ami-a')?.state).toBe('missing');
    expect(snapshot.images.get('ami-b')?.state).toBe('available');
  });

  it('resolves what each group launches now: $Latest with ResolveAlias, once per template', async () => {
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({
      AutoScalingGroups: [awsGroup('web', ['i-1']), awsGroup('web-2', [], { LaunchTemplate: { LaunchTemplateId: 'lt-web', Version: '$Default' } })],
    });
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [awsInstance('i-1', 3)] }] });
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({
      LaunchTemplateVersions: [
        { VersionNumber: 5, DefaultVersion: false, LaunchTemplateData: { ImageId: 'ami-ssm-resolved' } },
        { VersionNumber: 2, DefaultVersion: true, LaunchTemplateData: { ImageId: 'ami-default' } },
      ],
    });

    const snapshot = await readFleet(testClients(), {});

    expect(ec2).toHaveReceivedCommandTimes(DescribeLaunchTemplateVersionsCommand, 1);
    expect(ec2).toHaveReceivedCommandWith(DescribeLaunchTemplateVersionsCommand, { LaunchTemplateId: 'lt-web', Versions: ['$Latest', '$Default'], ResolveAlias: true });
    expect(snapshot.groups[0]?.launchImages?.imageId).toBe('ami-ssm-resolved');
    expect(snapshot.groups[1]?.launchImages?.imageId).toBe('ami-default');
  });

  it('leaves drift unjudged, with an error, when a resolve:ssm: image stays unresolved', async () => {
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [awsGroup('web', [])] });
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [{ VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: { ImageId: 'resolve:ssm:/golden/ami' } }] });

    const snapshot = await readFleet(testClients(), {});

    expect(snapshot.groups[0]?.launchImages).toBeUndefined();
    expect(snapshot.errors).toEqual([expect.objectContaining({ group: 'web' })]);
  });

  it('applies mixed-instances overrides that name their own template, and launch configurations', async () => {
    const mixed = awsGroup('mixed', [], {
      LaunchTemplate: undefined,
      MixedInstancesPolicy: {
        LaunchTemplate: {
          LaunchTemplateSpecification: { LaunchTemplateName: 'base', Version: '1' },
          Overrides: [{ InstanceType: 'm7g.large', LaunchTemplateSpecification: { LaunchTemplateName: 'arm', Version: '$Latest' } }],
        },
      },
    });
    const legacy = awsGroup('legacy', [], { LaunchTemplate: undefined, LaunchConfigurationName: 'lc-1' });
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [mixed, legacy] });
    autoScaling.on(DescribeLaunchConfigurationsCommand).resolves({ LaunchConfigurations: [{ LaunchConfigurationName: 'lc-1', ImageId: 'ami-lc', InstanceType: 't3.small', CreatedTime: daysAgo(9) }] });
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    ec2.on(DescribeLaunchTemplateVersionsCommand, { LaunchTemplateName: 'base' }).resolves({ LaunchTemplateVersions: [{ VersionNumber: 1, LaunchTemplateData: { ImageId: 'ami-x86' } }] });
    ec2.on(DescribeLaunchTemplateVersionsCommand, { LaunchTemplateName: 'arm' }).resolves({ LaunchTemplateVersions: [{ VersionNumber: 4, LaunchTemplateData: { ImageId: 'ami-arm' } }] });

    const snapshot = await readFleet(testClients(), {});

    expect(snapshot.groups[0]?.launchImages).toEqual({ imageId: 'ami-x86', imageIdByInstanceType: { 'm7g.large': 'ami-arm' } });
    expect(snapshot.groups[1]?.launchImages).toEqual({ imageId: 'ami-lc', imageIdByInstanceType: {} });
  });

  it('throws FleetReadError when the instances cannot be read at all', async () => {
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    ec2.on(DescribeInstancesCommand).rejects(Object.assign(new Error('not authorized'), { name: 'UnauthorizedOperation' }));

    await expect(readFleet(testClients(), {})).rejects.toThrow(FleetReadError);
  });

  it('reports a named group that does not exist', async () => {
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [awsGroup('web', [])] });
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });

    const snapshot = await readFleet(testClients(), { groups: ['web', 'wbe'] });

    expect(autoScaling).toHaveReceivedCommandWith(DescribeAutoScalingGroupsCommand, { AutoScalingGroupNames: ['web', 'wbe'] });
    expect(snapshot.limitedToGroups).toBe(true);
    expect(snapshot.errors).toEqual([{ group: 'wbe', code: 'not-found', message: 'Auto Scaling group not found' }]);
  });

  it.each([
    ['a StringList', { Parameter: { Value: 'ami-1,ami-2', Type: 'StringList' as const } }, ['ami-1', 'ami-2'], 0],
    ['a String holding one AMI ID', { Parameter: { Value: 'ami-1', Type: 'String' as const } }, ['ami-1'], 0],
    ['the value none', { Parameter: { Value: 'none', Type: 'StringList' as const } }, [], 0],
  ])('reads blocked AMIs from %s', async (_title, response, expected, errors) => {
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    ssm.on(GetParameterCommand).resolves(response);

    const snapshot = await readFleet(testClients(), { blockedAmisParameter: '/instance-reaper/blocked-amis' });

    expect(snapshot.blockedAmiIds).toEqual(expected);
    expect(snapshot.errors).toHaveLength(errors);
  });

  it.each([
    ['a missing parameter blocks nothing', 'ParameterNotFound', 0],
    ['an unreadable parameter is an error', 'AccessDeniedException', 1],
  ])('%s', async (_title, errorName, errors) => {
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    ssm.on(GetParameterCommand).rejects(Object.assign(new Error('no'), { name: errorName }));

    const snapshot = await readFleet(testClients(), { blockedAmisParameter: '/p' });

    expect(snapshot.blockedAmiIds).toEqual([]);
    expect(snapshot.errors).toHaveLength(errors);
  });
});
