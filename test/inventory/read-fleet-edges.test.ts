import { AutoScalingClient, DescribeAutoScalingGroupsCommand, DescribeWarmPoolCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeImagesCommand, DescribeInstanceImageMetadataCommand, DescribeInstancesCommand, DescribeLaunchTemplateVersionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { readFleet } from '../../lambda/inventory/read-fleet';
import { awsGroup, awsInstance, daysAgo, notFound, testClients } from './aws-fixtures';

const ec2 = mockClient(EC2Client);
const autoScaling = mockClient(AutoScalingClient);
const denied = () => Object.assign(new Error('not authorized'), { name: 'AccessDenied' });

beforeEach(() => {
  ec2.reset();
  autoScaling.reset();
  autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [awsGroup('web', ['i-1'])] });
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [awsInstance('i-1', 3, 'ami-old')] }] });
  ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [{ VersionNumber: 3, DefaultVersion: true, LaunchTemplateData: { ImageId: 'ami-new' } }] });
});

const image = (id: string, state = 'available') => ({ ImageId: id, State: state as 'available', CreationDate: daysAgo(3).toISOString() });

describe('readFleet: AMIs', () => {
  it('follows NextToken: an AMI on the second page of an answer is described, not judged missing', async () => {
    ec2
      .on(DescribeImagesCommand, { ImageIds: ['ami-old'] })
      .resolvesOnce({ Images: [], NextToken: 'more' })
      .resolvesOnce({ Images: [image('ami-old')] });
    ec2.on(DescribeImagesCommand, { ImageIds: ['ami-new'] }).resolves({ Images: [image('ami-new')] });

    const snapshot = await readFleet(testClients(), {});

    expect(snapshot.images.get('ami-old')?.state).toBe('available');
    expect(ec2).toHaveReceivedCommandWith(DescribeImagesCommand, { ImageIds: ['ami-old'], NextToken: 'more' });
  });

  it('an AMI absent from a complete answer is gone (EC2 answers a deregistered AMI with empty results): instance and launch AMIs missing', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [] });
    ec2.on(DescribeInstanceImageMetadataCommand).rejects(denied());

    const snapshot = await readFleet(testClients(), {});

    expect(snapshot.images.get('ami-old')?.state).toBe('missing');
    expect(snapshot.images.get('ami-new')?.state).toBe('missing');
    expect(snapshot.errors).toEqual([{ code: 'read-denied', message: expect.stringContaining('DescribeInstanceImageMetadata failed: AccessDenied') }]);
  });

  it('describes the AMI a group launches even when no instance runs it yet, and marks it missing on a definitive not-found', async () => {
    ec2.on(DescribeImagesCommand, { ImageIds: ['ami-old'] }).resolves({ Images: [image('ami-old')] });
    ec2.on(DescribeImagesCommand, { ImageIds: ['ami-new'] }).rejects(notFound("The image id '[ami-new]' does not exist"));

    const snapshot = await readFleet(testClients(), {});

    expect(snapshot.images.get('ami-new')?.state).toBe('missing');
  });
});

describe('readFleet: warm pools', () => {
  beforeEach(() => {
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [awsGroup('web', ['i-1'], { WarmPoolConfiguration: { PoolState: 'Stopped' } }), awsGroup('api', ['i-2'])] });
    ec2.on(DescribeImagesCommand).resolves({ Images: [image('ami-old'), image('ami-new')] });
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [{ Instances: [awsInstance('i-1', 3, 'ami-old'), awsInstance('i-2', 3, 'ami-old'), awsInstance('i-warm', 3, 'ami-old', { State: { Name: 'stopped' } })] }],
    });
  });

  it('asks only groups with a warm pool, every page, and knows their pooled instances', async () => {
    autoScaling
      .on(DescribeWarmPoolCommand)
      .resolvesOnce({ Instances: [], NextToken: 'w2' })
      .resolvesOnce({ Instances: [{ InstanceId: 'i-warm', LifecycleState: 'Warmed:Stopped', AvailabilityZone: 'us-east-1a', HealthStatus: 'Healthy', ProtectedFromScaleIn: false }] });

    const snapshot = await readFleet(testClients(), {});

    expect([...snapshot.warmPoolInstanceIds]).toEqual(['i-warm']);
    expect(autoScaling).toHaveReceivedCommandTimes(DescribeWarmPoolCommand, 2);
    expect(autoScaling).toHaveReceivedCommandWith(DescribeWarmPoolCommand, { AutoScalingGroupName: 'web' });
  });

  it('reports a warm-pool instance an instance lifecycle policy retained, and still counts it as pooled', async () => {
    autoScaling.on(DescribeWarmPoolCommand).resolves({ Instances: [{ InstanceId: 'i-warm', LifecycleState: 'Warmed:Terminating:Retained', AvailabilityZone: 'us-east-1a', HealthStatus: 'Healthy', ProtectedFromScaleIn: false }] });

    const snapshot = await readFleet(testClients(), {});

    expect(snapshot.warmPoolInstanceIds.has('i-warm')).toBe(true);
    expect(snapshot.errors).toEqual(expect.arrayContaining([{ group: 'web', instanceId: 'i-warm', code: 'instance-retained', message: expect.stringContaining('Warmed:Terminating:Retained') }]));
  });

  it('when the warm pool cannot be read, every unlisted instance tagged with the group counts as pooled, and the failure is reported', async () => {
    autoScaling.on(DescribeWarmPoolCommand).rejects(denied());

    const snapshot = await readFleet(testClients(), {});

    expect(snapshot.warmPoolInstanceIds.has('i-warm')).toBe(true);
    expect(snapshot.errors).toEqual(expect.arrayContaining([{ group: 'web', code: 'read-denied', message: expect.stringContaining('DescribeWarmPool failed: AccessDenied') }]));
  });
});

describe('readFleet: reads start as soon as their inputs are in', () => {
  it('describes the instances\' AMIs while the groups are still being read', async () => {
    let groupsDone = false;
    let imagesAskedEarly = false;
    autoScaling.on(DescribeAutoScalingGroupsCommand).callsFake(async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      groupsDone = true;
      return { AutoScalingGroups: [awsGroup('web', ['i-1'])] };
    });
    ec2.on(DescribeImagesCommand).callsFake(() => {
      if (!groupsDone) imagesAskedEarly = true;
      return { Images: [image('ami-old'), image('ami-new')] };
    });

    await readFleet(testClients(), {});

    expect(imagesAskedEarly).toBe(true);
  });
});
