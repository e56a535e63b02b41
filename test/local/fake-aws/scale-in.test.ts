import { SetDesiredCapacityCommand, TerminateInstanceInAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { DAY, NOW, seedWebGroup, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** IDs of members terminating, sorted (IDs count up, so in order of creation). */
const terminating = (harness: Harness, group = 'web') =>
  harness.account
    .group(group)
    .members.filter((member) => member.lifecycleState === 'Terminating')
    .map((member) => member.instanceId)
    .sort();

/** Lowers desired capacity one at a time: the instance each step chose. */
function scaleInOneByOne(harness: Harness, to: number, group = 'web'): string[] {
  const chosen: string[] = [];
  for (let desired = harness.account.group(group).desiredCapacity - 1; desired >= to; desired -= 1) {
    const before = new Set(terminating(harness, group));
    harness.account.setDesiredCapacity(group, desired);
    chosen.push(...terminating(harness, group).filter((id) => !before.has(id)));
  }
  return chosen;
}

describe("lowering desired capacity lets the group choose the victim by AWS's Default termination policy", () => {
  it('takes the old instance, not the fresh one the caller just added to replace it', async () => {
    const imageId = h.account.addImage();
    h.account.addLaunchTemplate({ name: 'web', imageId });
    h.account.addGroup({ name: 'web', minSize: 1, desiredCapacity: 2, launchTemplate: { name: 'web', version: '$Latest' } });
    const [old, kept] = h.account.fillGroup('web', { launchTime: NOW - 40 * DAY });
    // The caller wants `old` gone: it surges by one, waits for it, then lowers desired capacity.
    await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: 3 }));
    const fresh = h.account.tick().inService[0];
    await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: 2 }));
    // `old` and `fresh` share zone a (the fresh one went to the least populated zone, tied, first in order): the oldest there goes.
    expect(h.account.instance(fresh ?? '').availabilityZone).toBe(h.account.instance(old ?? '').availabilityZone);
    expect(terminating(h)).toEqual([old]);
    expect(h.account.instance(kept ?? '').lifecycleState).toBe('InService');
  });

  it('chooses in the zone with the most instances first, even the newest instance there', () => {
    const { instanceIds } = seedWebGroup(h.account);
    // web holds a, b, a; a third zone-b instance makes b the busiest; it is the youngest of all.
    const youngest = h.account.addInstance({ group: 'web', availabilityZone: 'us-east-1b', launchTime: NOW - DAY });
    h.account.addInstance({ group: 'web', availabilityZone: 'us-east-1b', launchTime: NOW - DAY, protectedFromScaleIn: true });
    expect(instanceIds.map((id) => h.account.instance(id).availabilityZone)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1a']);
    h.account.setDesiredCapacity('web', 5);
    // b (3) first; then a:2, b:2 are balanced, so the oldest anywhere; then b again, where only the youngest is unprotected.
    expect(scaleInOneByOne(h, 2)).toEqual([instanceIds[1], instanceIds[0], youngest]);
  });

  it('takes launch configurations first, then other templates, then the oldest version of the current template, before age', () => {
    const imageId = h.account.addImage();
    const current = h.account.addLaunchTemplate({ name: 'web', imageId });
    h.account.addLaunchTemplate({ name: 'other', imageId });
    h.account.addLaunchTemplateVersion('web', { imageId });
    h.account.addLaunchConfiguration({ name: 'legacy', imageId });
    h.account.addGroup({ name: 'web', desiredCapacity: 5, launchTemplate: { id: current, version: '$Latest' }, availabilityZones: ['us-east-1a'] });
    const oldest = h.account.addInstance({ group: 'web', launchTime: NOW - 90 * DAY });
    const onVersion1 = h.account.addInstance({ group: 'web', launchTemplate: { id: current, version: '1' }, launchTime: NOW - DAY });
    const onOther = h.account.addInstance({ group: 'web', launchTemplate: { name: 'other', version: '1' }, launchTime: NOW - DAY });
    const onConfiguration = h.account.addInstance({ group: 'web', launchConfigurationName: 'legacy', launchTime: NOW - DAY });
    const newest = h.account.addInstance({ group: 'web', launchTime: NOW });
    expect(scaleInOneByOne(h, 1)).toEqual([onConfiguration, onOther, onVersion1, oldest]);
    expect(h.account.group('web').inService).toEqual([newest]);
  });

  it('chooses nothing it may not: Terminate suspended, or every instance protected', () => {
    const { instanceIds } = seedWebGroup(h.account);
    h.account.suspendProcesses('web', ['Terminate']);
    h.account.setDesiredCapacity('web', 1);
    expect(terminating(h)).toEqual([]);
    for (const id of instanceIds) h.account.setProtectedFromScaleIn(id, true);
    h.account.resumeProcesses('web');
    expect(terminating(h)).toEqual([]);
  });
});

it('terminates exactly the named instance with ShouldDecrementDesiredCapacity', async () => {
  const { instanceIds } = seedWebGroup(h.account);
  const youngest = h.account.addInstance({ group: 'web', launchTime: NOW });
  h.account.setDesiredCapacity('web', 4);
  await h.autoScaling.send(new TerminateInstanceInAutoScalingGroupCommand({ InstanceId: youngest, ShouldDecrementDesiredCapacity: true }));
  expect(terminating(h)).toEqual([youngest]);
  expect(h.account.group('web').desiredCapacity).toBe(3);
  expect(h.account.group('web').inService).toEqual(instanceIds);
});

it('launches into the zone with the fewest instances: a group of one that surges to two spans both zones', async () => {
  const imageId = h.account.addImage();
  h.account.addLaunchTemplate({ name: 'web', imageId });
  h.account.addGroup({ name: 'web', desiredCapacity: 1, launchTemplate: { name: 'web' }, availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });
  const only = h.account.addInstance({ group: 'web', availabilityZone: 'us-east-1b' });
  await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: 4 }));
  const zones = h.account.group('web').members.map((member) => h.account.instance(member.instanceId).availabilityZone);
  expect(zones).toEqual(['us-east-1b', 'us-east-1a', 'us-east-1c', 'us-east-1a']);
  expect(h.account.instance(only).availabilityZone).toBe('us-east-1b');
});
