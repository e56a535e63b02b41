import { DescribeAutoScalingGroupsCommand, DescribeWarmPoolCommand, paginateDescribeWarmPool, SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DAY, NOW, seedWebGroup, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

async function describeGroup(name: string) {
  return (await h.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }))).AutoScalingGroups?.[0];
}

async function tagsOf(instanceId: string): Promise<Record<string, string>> {
  const response = await h.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  return Object.fromEntries((response.Reservations?.[0]?.Instances?.[0]?.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
}

it('DescribeAutoScalingGroups tells load balancers, traffic sources, health check type and warm pool as AWS does', async () => {
  seedWebGroup(h.account);
  const arn = h.account.addTargetGroup('web');
  h.account.addGroup({ name: 'edge', launchTemplate: { name: 'web' }, targetGroupArns: [arn], loadBalancerNames: ['legacy'], healthCheckType: 'ELB', warmPool: { minSize: 1 } });
  h.account.fillWarmPool('edge');
  expect(await describeGroup('web')).toMatchObject({ LoadBalancerNames: [], TrafficSources: [], HealthCheckType: 'EC2' });
  expect(await describeGroup('web')).not.toHaveProperty('WarmPoolConfiguration');
  expect(await describeGroup('edge')).toMatchObject({
    LoadBalancerNames: ['legacy'],
    TargetGroupARNs: [arn],
    TrafficSources: [
      { Identifier: arn, Type: 'elbv2' },
      { Identifier: 'legacy', Type: 'elb' },
    ],
    HealthCheckType: 'ELB',
    WarmPoolConfiguration: { MinSize: 1, PoolState: 'Stopped' },
    WarmPoolSize: 10,
    Instances: [],
  });
});

describe('warm pools', () => {
  it('DescribeWarmPool lists warmed instances page by page; they carry the group-name tag though the group does not list them', async () => {
    seedWebGroup(h.account);
    h.account.addGroup({ name: 'warm', desiredCapacity: 1, maxSize: 5, launchTemplate: { name: 'web' }, warmPool: { poolState: 'Stopped' } });
    h.account.fillGroup('warm');
    const warmed = h.account.fillWarmPool('warm');
    expect(warmed).toHaveLength(4);
    const listed = [];
    for await (const page of paginateDescribeWarmPool({ client: h.autoScaling }, { AutoScalingGroupName: 'warm' })) {
      expect(page.WarmPoolConfiguration).toEqual({ MinSize: 0, PoolState: 'Stopped' });
      listed.push(...(page.Instances ?? []));
    }
    expect(listed.map((instance) => [instance.InstanceId, instance.LifecycleState])).toEqual(warmed.map((id) => [id, 'Warmed:Stopped']));
    expect(h.account.calls.filter((call) => call.action === 'DescribeWarmPool')).toHaveLength(2);
    expect(await tagsOf(warmed[0] ?? '')).toEqual({ 'aws:autoscaling:groupName': 'warm' });
    expect(h.account.instance(warmed[0] ?? '').state).toBe('stopped');
    expect((await describeGroup('warm'))?.Instances).toHaveLength(1);
    expect(await h.autoScaling.send(new DescribeWarmPoolCommand({ AutoScalingGroupName: 'web' }))).toMatchObject({ Instances: [] });
    await expect(h.autoScaling.send(new DescribeWarmPoolCommand({ AutoScalingGroupName: 'nope' }))).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('scale-out takes a warmed instance first, on the AMI it was warmed with, LaunchTime new; the pool refills from the current AMI', async () => {
    const { imageId } = seedWebGroup(h.account);
    h.account.addGroup({ name: 'warm', desiredCapacity: 1, maxSize: 3, launchTemplate: { name: 'web', version: '$Latest' }, warmPool: {} });
    h.account.fillGroup('warm');
    // Max 3 − desired 1: two warmed instances.
    const [taken, left] = h.account.fillWarmPool('warm', { launchTime: NOW - 30 * DAY });
    const current = h.account.addImage();
    h.account.addLaunchTemplateVersion('web', { imageId: current });
    await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'warm', DesiredCapacity: 2 }));
    expect(h.account.instance(taken ?? '')).toMatchObject({ lifecycleState: 'Pending', state: 'pending', imageId, launchTime: NOW, eniAttachTime: NOW - 30 * DAY });
    expect(h.account.tick().inService).toEqual([taken]);
    expect(h.account.scalingActivities('warm')[0]?.description).toBe(`Launching a new EC2 instance from warm pool: ${taken ?? ''}`);
    const warmed = () => h.account.instances((instance) => instance.group === 'warm' && instance.lifecycleState === 'Warmed:Stopped');
    // Max 3 − desired 2 = 1: `left` is enough.
    expect(warmed().map((instance) => instance.instanceId)).toEqual([left]);
    await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'warm', DesiredCapacity: 1 }));
    expect(warmed().map((instance) => [instance.instanceId === left, instance.imageId])).toEqual([
      [true, imageId],
      [false, current],
    ]);
  });
});

describe('detachInstance', () => {
  it('leaves the group and its target groups but keeps running and keeps its group-name tag; without decrement a replacement launches', async () => {
    const arn = h.account.addTargetGroup('web');
    const { templateId } = seedWebGroup(h.account);
    h.account.addGroup({ name: 'lb', desiredCapacity: 2, launchTemplate: { id: templateId }, targetGroupArns: [arn] });
    const [kept, replaced] = h.account.fillGroup('lb');
    h.account.detachInstance(kept ?? '', true);
    expect(h.account.group('lb')).toMatchObject({ desiredCapacity: 1, inService: [replaced] });
    expect(h.account.instance(kept ?? '')).toMatchObject({ state: 'running', tags: { 'aws:autoscaling:groupName': 'lb' } });
    expect(h.account.instance(kept ?? '').group).toBeUndefined();
    expect(await tagsOf(kept ?? '')).toEqual({ 'aws:autoscaling:groupName': 'lb' });
    const targets = await h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
    expect(targets.TargetHealthDescriptions?.map((target) => target.Target?.Id)).toEqual([replaced]);

    h.account.detachInstance(replaced ?? '', false);
    expect(h.account.group('lb').desiredCapacity).toBe(1);
    expect(h.account.group('lb').members.map((member) => member.lifecycleState)).toEqual(['Pending']);
    expect(h.account.scalingActivities('lb').map((activity) => activity.description.replace(/: i-\w+$/, ''))).toEqual([
      'Launching a new EC2 instance',
      'Detaching EC2 instance',
      'Detaching EC2 instance',
    ]);
    expect(() => h.account.detachInstance(kept ?? '', false)).toThrow(/not part of an Auto Scaling group/);
  });
});
