import {
  CreateOrUpdateTagsCommand,
  DeleteTagsCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeInstanceRefreshesCommand,
  DescribeLaunchConfigurationsCommand,
  paginateDescribeAutoScalingGroups,
  SetDesiredCapacityCommand,
  TerminateInstanceInAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { DAY, NOW, seedWebGroup, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('DescribeAutoScalingGroups', () => {
  it('pages through every group, listing the fields the reaper reads', async () => {
    const { templateId, instanceIds } = seedWebGroup(h.account);
    const imageId = h.account.addImage();
    const targetGroup = h.account.addTargetGroup('web');
    h.account.addLaunchConfiguration({ name: 'legacy-lc', imageId });
    for (const name of ['b', 'c', 'd']) h.account.addGroup({ name, launchConfigurationName: 'legacy-lc' });
    h.account.addGroup({
      name: 'mixed',
      desiredCapacity: 2,
      mixedInstancesPolicy: { launchTemplate: { name: 'web' }, overrides: [{ instanceType: 'm5.large' }, { instanceType: 'm6g.large', launchTemplate: { id: templateId, version: '1' } }] },
      targetGroupArns: [targetGroup],
      tags: [{ key: 'team', value: 'core', propagateAtLaunch: true }],
      status: 'Delete in progress',
      suspendedProcesses: ['Launch'],
      instanceMaintenancePolicy: { minHealthyPercentage: 100, maxHealthyPercentage: 200 },
    });
    h.account.addInstance({ group: 'web', lifecycleState: 'Warmed:Stopped' });

    const groups = [];
    for await (const page of paginateDescribeAutoScalingGroups({ client: h.autoScaling, pageSize: 100 }, { MaxRecords: 100 })) groups.push(page.AutoScalingGroups ?? []);
    expect(groups.map((page) => page.length)).toEqual([3, 2]);
    const [web, mixed] = [groups.flat()[0], groups.flat()[4]];
    expect(web).toMatchObject({ AutoScalingGroupName: 'web', MinSize: 1, MaxSize: 6, DesiredCapacity: 3, LaunchTemplate: { LaunchTemplateId: templateId, LaunchTemplateName: 'web', Version: '$Latest' } });
    expect(web?.Instances?.map((instance) => instance.InstanceId)).toEqual(instanceIds);
    expect(web?.Instances?.[0]).toEqual({
      InstanceId: instanceIds[0],
      InstanceType: 't3.small',
      AvailabilityZone: 'us-east-1a',
      LifecycleState: 'InService',
      HealthStatus: 'Healthy',
      ProtectedFromScaleIn: false,
      LaunchTemplate: { LaunchTemplateId: templateId, LaunchTemplateName: 'web', Version: '1' },
    });
    expect(mixed).toMatchObject({
      Status: 'Delete in progress',
      SuspendedProcesses: [{ ProcessName: 'Launch' }],
      TargetGroupARNs: [targetGroup],
      Tags: [{ ResourceId: 'mixed', ResourceType: 'auto-scaling-group', Key: 'team', Value: 'core', PropagateAtLaunch: true }],
      InstanceMaintenancePolicy: { MinHealthyPercentage: 100, MaxHealthyPercentage: 200 },
      MixedInstancesPolicy: {
        LaunchTemplate: {
          LaunchTemplateSpecification: { LaunchTemplateName: 'web', Version: '$Default' },
          Overrides: [{ InstanceType: 'm5.large' }, { InstanceType: 'm6g.large', LaunchTemplateSpecification: { LaunchTemplateId: templateId, Version: '1' } }],
        },
      },
    });
  });

  it('leaves unknown names out and refuses MaxRecords above 100', async () => {
    seedWebGroup(h.account);
    const response = await h.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['nope', 'web'] }));
    expect(response.AutoScalingGroups?.map((group) => group.AutoScalingGroupName)).toEqual(['web']);
    await expect(h.autoScaling.send(new DescribeAutoScalingGroupsCommand({ MaxRecords: 101 }))).rejects.toMatchObject({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
  });
});

describe('other reads', () => {
  it('describes launch configurations and instance refreshes', async () => {
    seedWebGroup(h.account);
    h.account.addLaunchConfiguration({ name: 'lc', imageId: 'ami-0abc', instanceType: 'm5.large' });
    const configs = await h.autoScaling.send(new DescribeLaunchConfigurationsCommand({ LaunchConfigurationNames: ['lc', 'missing'] }));
    expect(configs.LaunchConfigurations).toEqual([expect.objectContaining({ LaunchConfigurationName: 'lc', ImageId: 'ami-0abc', InstanceType: 'm5.large' })]);
    const id = h.account.startInstanceRefresh('web');
    const refreshes = await h.autoScaling.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'web', MaxRecords: 5 }));
    expect(refreshes.InstanceRefreshes).toEqual([{ InstanceRefreshId: id, AutoScalingGroupName: 'web', Status: 'InProgress', StartTime: new Date(NOW) }]);
  });
});

describe('groups act', () => {
  it('terminates and replaces from the AMI the group launches now; tick finishes both', async () => {
    const { instanceIds } = seedWebGroup(h.account);
    const newImage = h.account.addImage({ name: 'web-2' });
    h.account.addLaunchTemplateVersion('web', { imageId: newImage, instanceType: 't3.small' });
    const victim = instanceIds[0] ?? '';

    await h.autoScaling.send(new TerminateInstanceInAutoScalingGroupCommand({ InstanceId: victim, ShouldDecrementDesiredCapacity: false }));
    const during = h.account.group('web');
    expect(during.desiredCapacity).toBe(3);
    expect(during.members.find((member) => member.instanceId === victim)?.lifecycleState).toBe('Terminating');
    const replacement = during.members.find((member) => member.lifecycleState === 'Pending');
    expect(replacement).toMatchObject({ imageId: newImage, instanceType: 't3.small', launchTime: NOW });

    const result = h.account.tick();
    expect(result).toMatchObject({ terminated: [victim], inService: [replacement?.instanceId], launched: [] });
    expect(h.account.instance(victim)).toMatchObject({ state: 'terminated' });
    expect(h.account.group('web').inService).toHaveLength(3);
  });

  it('terminates with decrement without replacement, never below MinSize, and knows only managed instances', async () => {
    const { instanceIds } = seedWebGroup(h.account);
    await h.autoScaling.send(new TerminateInstanceInAutoScalingGroupCommand({ InstanceId: instanceIds[0], ShouldDecrementDesiredCapacity: true }));
    await h.autoScaling.send(new TerminateInstanceInAutoScalingGroupCommand({ InstanceId: instanceIds[1], ShouldDecrementDesiredCapacity: true }));
    expect(h.account.group('web').desiredCapacity).toBe(1);
    expect(h.account.group('web').members.filter((member) => member.lifecycleState === 'Pending')).toEqual([]);
    await expect(
      h.autoScaling.send(new TerminateInstanceInAutoScalingGroupCommand({ InstanceId: instanceIds[2], ShouldDecrementDesiredCapacity: true })),
    ).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringContaining("violate group's min size constraint") });
    const loner = h.account.addInstance({ imageId: h.account.addImage() });
    await expect(h.autoScaling.send(new TerminateInstanceInAutoScalingGroupCommand({ InstanceId: loner, ShouldDecrementDesiredCapacity: false }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: `Instance Id not found - No managed instance found for instance ID: ${loner}`,
    });
  });

  it('sets desired capacity within Min/Max: up launches Pending at once, down lets the group choose its victim', async () => {
    const { instanceIds } = seedWebGroup(h.account);
    await expect(h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: 7 }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'New SetDesiredCapacity value 7 is above max value 6 for the AutoScalingGroup.',
    });
    await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: 5, HonorCooldown: false }));
    expect(h.account.group('web').members.filter((member) => member.lifecycleState === 'Pending')).toHaveLength(2);
    h.account.addLaunchTemplateVersion('web', { imageId: h.account.addImage() });
    h.account.tick();
    await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: 4 }));
    const terminating = h.account.group('web').members.filter((member) => member.lifecycleState === 'Terminating');
    expect(terminating.map((member) => member.instanceId)).toEqual([instanceIds[0]]);
    expect(h.account.mutatingCalls().map((call) => [call.action, call.params])).toEqual([
      ['SetDesiredCapacity', { AutoScalingGroupName: 'web', DesiredCapacity: 7 }],
      ['SetDesiredCapacity', { AutoScalingGroupName: 'web', DesiredCapacity: 5, HonorCooldown: false }],
      ['SetDesiredCapacity', { AutoScalingGroupName: 'web', DesiredCapacity: 4 }],
    ]);
  });

  it('tick launches what a group lacks unless Launch is suspended', () => {
    seedWebGroup(h.account);
    h.account.addGroup({ name: 'idle', desiredCapacity: 2, launchTemplate: { name: 'web' }, suspendedProcesses: ['Launch'] });
    expect(h.account.tick().launched).toEqual([]);
    h.account.resumeProcesses('idle');
    expect(h.account.group('idle').members.map((member) => member.lifecycleState)).toEqual(['Pending', 'Pending']);
  });

  it('creates, updates and deletes group tags', async () => {
    seedWebGroup(h.account);
    const tag = { ResourceId: 'web', ResourceType: 'auto-scaling-group', Key: 'instance-reaper:surge-state', Value: 'x', PropagateAtLaunch: false };
    await h.autoScaling.send(new CreateOrUpdateTagsCommand({ Tags: [tag] }));
    expect(h.account.group('web').tags).toEqual({ 'instance-reaper:surge-state': 'x' });
    await h.autoScaling.send(new DeleteTagsCommand({ Tags: [{ ResourceId: 'web', ResourceType: 'auto-scaling-group', Key: tag.Key }] }));
    expect(h.account.group('web').tags).toEqual({});
    await expect(h.autoScaling.send(new CreateOrUpdateTagsCommand({ Tags: [{ ...tag, ResourceId: 'nope' }] }))).rejects.toMatchObject({ name: 'ValidationError' });
  });
});

it('ages instances by the clock the account was given', () => {
  const account = h.account;
  const imageId = account.addImage();
  const id = account.addInstance({ imageId, launchTime: NOW - DAY, eniAttachTime: NOW - 3 * DAY });
  expect(account.instance(id)).toMatchObject({ launchTime: NOW - DAY, eniAttachTime: NOW - 3 * DAY, rootVolumeAttachTime: NOW - DAY, firstLaunch: NOW - 3 * DAY });
});
