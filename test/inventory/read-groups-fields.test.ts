import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { readFieldsOf, toGroupSnapshot } from '../../lambda/inventory/read-groups';
import { FakeAccount } from '../../local/fake-aws/account';
import { membersOf } from '../../local/fake-aws/group-members';
import { toGroup } from '../../local/fake-aws/services/auto-scaling-shapes';

/** A group using every feature the reaper reads: mixed instances with weights, traffic sources, warm pool, tags, policy. */
function richGroup(): AutoScalingGroup {
  const account = new FakeAccount();
  const imageId = account.addImage({ name: 'base' });
  const template = account.addLaunchTemplate({ name: 'web', imageId, instanceType: 'm7g.large' });
  const other = account.addLaunchTemplate({ name: 'web-c', imageId, instanceType: 'c7g.large' });
  account.addGroup({
    name: 'web',
    minSize: 1,
    maxSize: 12,
    desiredCapacity: 4,
    mixedInstancesPolicy: {
      launchTemplate: { id: template, version: '$Latest' },
      overrides: [
        { instanceType: 'm7g.large', weightedCapacity: '2' },
        { instanceType: 'c7g.large', launchTemplate: { id: other }, weightedCapacity: '2' },
      ],
    },
    targetGroupArns: [account.addTargetGroup('web')],
    latticeTargetGroupArns: ['arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-0123456789abcdef0'],
    suspendedProcesses: ['AZRebalance'],
    warmPool: { minSize: 1 },
    instanceMaintenancePolicy: { minHealthyPercentage: 100, maxHealthyPercentage: 150 },
    defaultInstanceWarmup: 300,
    tags: [
      { key: 'instance-reaper:max-age-days', value: '14', propagateAtLaunch: false },
      { key: 'team', value: 'platform', propagateAtLaunch: true },
    ],
  });
  account.fillGroup('web');
  account.fillWarmPool('web');
  const record = account.state.groups.web;
  if (!record) throw new Error('no group');
  return toGroup(account.state, record, membersOf(account.state, 'web'));
}

describe('readFieldsOf keeps what the reaper reads of a group, and only that', () => {
  const whole = richGroup();
  const kept = readFieldsOf(whole);

  it('gives the same snapshot as the whole answer', () => {
    expect(toGroupSnapshot(kept)).toEqual(toGroupSnapshot(whole));
    expect(toGroupSnapshot(kept).members.map((member) => member.weight)).toEqual([2, 2]);
  });

  it('keeps the launch sources, warm pool, tags and ARN the other readers use', () => {
    expect(kept.MixedInstancesPolicy?.LaunchTemplate).toEqual(whole.MixedInstancesPolicy?.LaunchTemplate);
    expect(kept.WarmPoolConfiguration).toEqual(whole.WarmPoolConfiguration);
    expect(kept.AutoScalingGroupARN).toBe(whole.AutoScalingGroupARN);
    expect(kept.Tags?.map((tag) => [tag.Key, tag.Value])).toEqual(whole.Tags?.map((tag) => [tag.Key, tag.Value]));
  });

  it("keeps the group's DefaultInstanceWarmup (the last fallback of its bake time); -1 (cleared) is none", () => {
    expect(toGroupSnapshot(kept).defaultInstanceWarmup).toBe(300);
    expect(toGroupSnapshot({ ...kept, DefaultInstanceWarmup: -1 }).defaultInstanceWarmup).toBeUndefined();
  });

  it('drops what no reader uses', () => {
    expect(whole.EnabledMetrics?.length).toBeGreaterThan(0);
    expect(kept).not.toHaveProperty('EnabledMetrics');
    expect(kept).not.toHaveProperty('VPCZoneIdentifier');
    expect(kept.Instances?.[0]).not.toHaveProperty('LaunchTemplate');
  });
});
