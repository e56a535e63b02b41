import { DescribeAutoScalingGroupsCommand, DescribeInstanceRefreshesCommand, SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { seedWebGroup, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const desiredAsRead = async (harness: Harness) =>
  (await harness.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['web'] }))).AutoScalingGroups?.[0]?.DesiredCapacity;

it('runs a hook once on the nth call of an action, before that call is answered, so a fresh read sees what another tool changed', async () => {
  seedWebGroup(h.account);
  const seen: unknown[] = [];
  h.account.onCall(
    'DescribeAutoScalingGroups',
    (account, params) => {
      seen.push(params.AutoScalingGroupNames);
      account.setDesiredCapacity('web', 5);
    },
    { nth: 2 },
  );
  expect(await desiredAsRead(h)).toBe(3);
  expect(await desiredAsRead(h)).toBe(5);
  h.account.setDesiredCapacity('web', 4);
  expect(await desiredAsRead(h)).toBe(4);
  expect(seen).toEqual([['web']]);
});

it('lets a scale-out land between a read and a write: a write computed from the old read undoes it', async () => {
  seedWebGroup(h.account);
  h.account.onCall('autoscaling:DescribeInstanceRefreshes', (account) => account.setDesiredCapacity('web', 6));
  const before = await desiredAsRead(h);
  await h.autoScaling.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'web' }));
  expect(h.account.group('web').desiredCapacity).toBe(6);
  await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: (before ?? 0) + 1 }));
  expect(h.account.group('web').desiredCapacity).toBe(4);
});

it('can be removed before it runs, and counts only its own action and service', async () => {
  seedWebGroup(h.account);
  let runs = 0;
  const remove = h.account.onCall('DescribeAutoScalingGroups', () => void (runs += 1));
  h.account.onCall('ec2:DescribeAutoScalingGroups', () => void (runs += 10));
  remove();
  await desiredAsRead(h);
  expect(runs).toBe(0);
});
