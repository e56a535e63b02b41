import {
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
  TerminateInstanceInAutoScalingGroupCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import type { FakeAccount } from '../../../local/fake-aws/account';
import type { GroupSpec } from '../../../local/fake-aws/seed-fleet';
import { NOW, DAY, seedWebGroup, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** A template and a mixed-instances group on it; `overrides` and sizes as given. */
function addMixedGroup(account: FakeAccount, spec: Omit<GroupSpec, 'mixedInstancesPolicy'> & { overrides: NonNullable<GroupSpec['mixedInstancesPolicy']>['overrides'] }): void {
  const imageId = account.addImage({ creationDate: NOW - 10 * DAY });
  account.addLaunchTemplate({ name: `${spec.name}-lt`, imageId });
  const { overrides, ...group } = spec;
  account.addGroup({ ...group, mixedInstancesPolicy: { launchTemplate: { name: `${spec.name}-lt`, version: '$Latest' }, overrides } });
}

async function describeGroup(name: string): Promise<AutoScalingGroup | undefined> {
  const answer = await h.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }));
  return answer.AutoScalingGroups?.[0];
}

const counted = (harness: Harness, group: string) =>
  harness.account.group(group).members.filter((member) => ['Pending', 'InService'].includes(member.lifecycleState));

/** Two weight-4 instance types: `fillGroup` at desired 8 seeds two members. */
function seedFourPlusFour(minSize = 0): string[] {
  addMixedGroup(h.account, {
    name: 'weighted',
    minSize,
    desiredCapacity: 8,
    maxSize: 16,
    overrides: [
      { instanceType: 'm5.xlarge', weightedCapacity: '4' },
      { instanceType: 'c5.xlarge', weightedCapacity: '4' },
    ],
  });
  return h.account.fillGroup('weighted', { launchTime: NOW - 5 * DAY });
}

describe('weighted groups count capacity in units', () => {
  it('weights 4+4 at desired 8: two members serve 8 units, listed with WeightedCapacity "4" on the wire', async () => {
    const ids = seedFourPlusFour();

    expect(ids).toHaveLength(2);
    const view = h.account.group('weighted');
    expect(view).toMatchObject({ desiredCapacity: 8, capacityUnits: 8, servingUnits: 8 });
    expect(view.members.map((member) => member.weight)).toEqual([4, 4]);
    const group = await describeGroup('weighted');
    expect(group?.DesiredCapacity).toBe(8);
    expect(group?.Instances?.map((instance) => [instance.InstanceType, instance.WeightedCapacity])).toEqual([
      ['m5.xlarge', '4'],
      ['c5.xlarge', '4'],
    ]);
    expect(group?.MixedInstancesPolicy?.LaunchTemplate?.Overrides).toEqual([
      { InstanceType: 'm5.xlarge', WeightedCapacity: '4' },
      { InstanceType: 'c5.xlarge', WeightedCapacity: '4' },
    ]);
    // AWS leaves DesiredCapacityType out unless the group set it (the weights guide's example answer has none).
    expect(group?.DesiredCapacityType).toBeUndefined();
  });

  it('launches until the desired units are met, overshooting by less than the largest weight', () => {
    // AWS's own example: 5 units short, a weight-12 type launches and the group is 7 over.
    addMixedGroup(h.account, {
      name: 'overage',
      desiredCapacity: 5,
      maxSize: 20,
      overrides: [
        { instanceType: 'c5.12xlarge', weightedCapacity: '12' },
        { instanceType: 'c5.2xlarge', weightedCapacity: '2' },
      ],
    });
    h.account.tick();

    const view = h.account.group('overage');
    expect(view.members.map((member) => [member.instanceType, member.lifecycleState])).toEqual([['c5.12xlarge', 'Pending']]);
    expect(view.capacityUnits).toBe(12);
    h.account.tick();
    expect(h.account.group('overage')).toMatchObject({ servingUnits: 12, capacityUnits: 12 });
    expect(h.account.group('overage').members).toHaveLength(1);
  });

  it('terminating a weight-4 member without decrement launches 4 units of replacement, desired unchanged', async () => {
    const [victim] = seedFourPlusFour();

    const answer = await h.autoScaling.send(new TerminateInstanceInAutoScalingGroupCommand({ InstanceId: victim, ShouldDecrementDesiredCapacity: false }));

    expect(answer.Activity?.Description).toBe(`Terminating EC2 instance: ${victim}`);
    const pending = counted(h, 'weighted').filter((member) => member.lifecycleState === 'Pending');
    expect(pending.map((member) => [member.instanceType, member.weight])).toEqual([['m5.xlarge', 4]]);
    expect(h.account.group('weighted')).toMatchObject({ desiredCapacity: 8, capacityUnits: 8, servingUnits: 4 });
    h.account.tick();
    expect(h.account.group('weighted')).toMatchObject({ desiredCapacity: 8, capacityUnits: 8, servingUnits: 8 });
    expect(h.account.group('weighted').members).toHaveLength(2);
  });

  it('a replacement short of the weight launches more: a weight-2 type replacing a weight-4 member of a removed type', () => {
    addMixedGroup(h.account, { name: 'small', desiredCapacity: 8, overrides: [{ instanceType: 'm5.large', weightedCapacity: '2' }] });
    h.account.fillGroup('small');
    const [first] = counted(h, 'small');
    // A member of a type the group no longer lists keeps the weight it had (weights guide: removed types keep their last weight).
    const legacy = h.account.addInstance({ group: 'small', instanceType: 'm5.xlarge', weightedCapacity: 4 });
    h.account.terminateInstanceInGroup(first?.instanceId ?? '', true);
    expect(h.account.group('small')).toMatchObject({ desiredCapacity: 6, capacityUnits: 10 });
    h.account.setDesiredCapacity('small', 10);
    expect(h.account.group('small').capacityUnits).toBe(10);

    h.account.terminateInstanceInGroup(legacy, false);

    const launched = counted(h, 'small').filter((member) => member.lifecycleState === 'Pending');
    expect(launched.map((member) => [member.instanceType, member.weight])).toEqual([
      ['m5.large', 2],
      ['m5.large', 2],
    ]);
    expect(h.account.group('small').capacityUnits).toBe(10);
  });

  it('with decrement, desired capacity drops by the member weight and nothing launches', async () => {
    const [victim] = seedFourPlusFour();

    const answer = await h.autoScaling.send(new TerminateInstanceInAutoScalingGroupCommand({ InstanceId: victim, ShouldDecrementDesiredCapacity: true }));

    expect(answer.Activity?.Cause).toMatch(/shrinking the capacity from 8 to 4\.$/);
    expect(h.account.group('weighted')).toMatchObject({ desiredCapacity: 4, capacityUnits: 4 });
    h.account.tick();
    expect(h.account.group('weighted')).toMatchObject({ desiredCapacity: 4, capacityUnits: 4, servingUnits: 4 });
    expect((await describeGroup('weighted'))?.DesiredCapacity).toBe(4);
  });

  it('refuses a decrement that would take desired capacity below MinSize in units', async () => {
    const [victim] = seedFourPlusFour(6);

    await expect(h.autoScaling.send(new TerminateInstanceInAutoScalingGroupCommand({ InstanceId: victim, ShouldDecrementDesiredCapacity: true }))).rejects.toMatchObject({
      name: 'ValidationError',
    });
    expect(h.account.group('weighted')).toMatchObject({ desiredCapacity: 8, capacityUnits: 8 });
  });

  it('scale-in removes members only while the group keeps at least its desired units', async () => {
    addMixedGroup(h.account, {
      name: 'mixed',
      desiredCapacity: 12,
      maxSize: 20,
      overrides: [
        { instanceType: 'm5.xlarge', weightedCapacity: '4' },
        { instanceType: 'm5.large', weightedCapacity: '2' },
      ],
    });
    h.account.fillGroup('mixed', { launchTime: NOW - 5 * DAY });
    expect(counted(h, 'mixed').map((member) => member.weight)).toEqual([4, 2, 4, 2]);

    // 3 over: a weight-2 member may go (10 >= 9), a weight-4 one may not (8 < 9).
    await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'mixed', DesiredCapacity: 9 }));
    const terminating = h.account.group('mixed').members.filter((member) => member.lifecycleState === 'Terminating');
    expect(terminating.map((member) => member.weight)).toEqual([2]);
    expect(h.account.group('mixed').capacityUnits).toBe(10);

    await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'mixed', DesiredCapacity: 3 }));
    const left = counted(h, 'mixed');
    const units = left.reduce((sum, member) => sum + member.weight, 0);
    expect(units).toBeGreaterThanOrEqual(3);
    // Nothing left that could go without taking the group below desired.
    expect(left.every((member) => units - member.weight < 3)).toBe(true);
    h.account.tick();
    expect(h.account.group('mixed').capacityUnits).toBe(units);
    expect(h.account.tick().launched).toEqual([]);
  });

  it('detaching with decrement lowers desired capacity by the member weight', () => {
    const [detached] = seedFourPlusFour();
    h.account.detachInstance(detached ?? '', true);
    expect(h.account.group('weighted')).toMatchObject({ desiredCapacity: 4, capacityUnits: 4 });
  });
});

describe('DesiredCapacityType vcpu and memory-mib: a member weighs its vCPUs or MiB', () => {
  it('a vcpu group of mixed types launches until its vCPUs meet desired; members are listed with their vCPUs', async () => {
    addMixedGroup(h.account, { name: 'cpu', desiredCapacity: 10, maxSize: 32, desiredCapacityType: 'vcpu', overrides: [{ instanceType: 'm5.large' }, { instanceType: 'm5.xlarge' }] });
    h.account.fillGroup('cpu');

    const view = h.account.group('cpu');
    expect(view.desiredCapacityType).toBe('vcpu');
    expect(view.members.map((member) => [member.instanceType, member.weight])).toEqual([
      ['m5.large', 2],
      ['m5.xlarge', 4],
      ['m5.large', 2],
      ['m5.xlarge', 4],
    ]);
    expect(view.capacityUnits).toBe(12);
    const group = await describeGroup('cpu');
    expect(group?.DesiredCapacityType).toBe('vcpu');
    expect(group?.Instances?.map((instance) => instance.WeightedCapacity)).toEqual(['2', '4', '2', '4']);

    // Terminating the 4-vCPU member without decrement brings back 4 vCPUs.
    const big = view.members[1]?.instanceId ?? '';
    h.account.terminateInstanceInGroup(big, false);
    expect(h.account.group('cpu').capacityUnits).toBe(12);
  });

  it("AWS's example: 2-vCPU instances at a desired 10 vCPUs launch 5 instances", () => {
    addMixedGroup(h.account, { name: 'cpu', desiredCapacity: 10, maxSize: 32, desiredCapacityType: 'vcpu', overrides: [{ instanceType: 'm5.large' }] });
    h.account.tick();
    expect(counted(h, 'cpu')).toHaveLength(5);
  });

  it('a memory-mib group counts MiB', async () => {
    addMixedGroup(h.account, { name: 'memory', desiredCapacity: 4096, maxSize: 65536, desiredCapacityType: 'memory-mib', overrides: [{ instanceType: 't3.small' }] });
    h.account.fillGroup('memory');
    expect(h.account.group('memory')).toMatchObject({ capacityUnits: 4096, servingUnits: 4096 });
    expect(h.account.group('memory').members).toHaveLength(2);
    expect((await describeGroup('memory'))?.Instances?.map((instance) => instance.WeightedCapacity)).toEqual(['2048', '2048']);
  });
});

describe('unweighted groups are as before', () => {
  it('members weigh 1, the wire carries no WeightedCapacity and no DesiredCapacityType', async () => {
    seedWebGroup(h.account);
    const view = h.account.group('web');
    expect(view).toMatchObject({ desiredCapacity: 3, capacityUnits: 3, servingUnits: 3 });
    expect(view.members.map((member) => member.weight)).toEqual([1, 1, 1]);
    const group = await describeGroup('web');
    expect(group?.DesiredCapacityType).toBeUndefined();
    expect(group?.Instances?.some((instance) => instance.WeightedCapacity !== undefined)).toBe(false);
  });

  it('an explicit DesiredCapacityType units is echoed', async () => {
    addMixedGroup(h.account, { name: 'plain', desiredCapacity: 2, desiredCapacityType: 'units', overrides: [{ instanceType: 'm5.large' }] });
    h.account.fillGroup('plain');
    expect(h.account.group('plain').capacityUnits).toBe(2);
    expect((await describeGroup('plain'))?.DesiredCapacityType).toBe('units');
  });
});

describe('seeding refuses what AWS refuses', () => {
  it.each([
    ['a weight of 0', [{ instanceType: 'm5.large', weightedCapacity: '0' }]],
    ['a weight above 999', [{ instanceType: 'm5.large', weightedCapacity: '1000' }]],
    ['a weight that is not a whole number', [{ instanceType: 'm5.large', weightedCapacity: '2.5' }]],
    ['a weight on some overrides only', [{ instanceType: 'm5.large', weightedCapacity: '2' }, { instanceType: 'm5.xlarge' }]],
  ])('%s', (_title, overrides) => {
    expect(() => addMixedGroup(h.account, { name: 'bad', desiredCapacity: 2, overrides })).toThrow(/WeightedCapacity/);
  });

  it('vcpu or memory-mib without a mixed instances policy, or for a type the account does not know', () => {
    const imageId = h.account.addImage();
    h.account.addLaunchTemplate({ name: 'plain', imageId });
    expect(() => h.account.addGroup({ name: 'a', desiredCapacityType: 'vcpu', launchTemplate: { name: 'plain' } })).toThrow(/DesiredCapacityType/);
    expect(() => addMixedGroup(h.account, { name: 'b', desiredCapacityType: 'memory-mib', overrides: [{ instanceType: 'x9.huge' }] })).toThrow(/x9\.huge/);
  });

  it('a seeded member weighs what its type weighs; an explicit weight may only differ for a type the group no longer lists', () => {
    seedFourPlusFour();
    expect(() => h.account.addInstance({ group: 'weighted', instanceType: 'm5.xlarge', weightedCapacity: 2 })).toThrow(/weighs 4/);
    const id = h.account.addInstance({ group: 'weighted', instanceType: 'm5.large', weightedCapacity: 3 });
    expect(h.account.group('weighted').members.find((member) => member.instanceId === id)?.weight).toBe(3);
  });
});
