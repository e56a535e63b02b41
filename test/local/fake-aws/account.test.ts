import { FakeAccount } from '../../../local/fake-aws/account';
import { AWS_PAGE_SIZES } from '../../../local/fake-aws/state';
import { DAY, NOW, seedWebGroup } from './harness';

let now = NOW;
const account = () => new FakeAccount({ now: () => now });

beforeEach(() => {
  now = NOW;
});

describe('what groups launch', () => {
  it('replaces from a resolve:ssm template, the mixed override of the same type, or the launch configuration', () => {
    const a = account();
    const [ssmImage, armImage, lcImage, baseImage] = [a.addImage(), a.addImage(), a.addImage(), a.addImage()];
    a.putParameter('/golden', ssmImage);
    a.addLaunchTemplate({ name: 'base', imageId: 'resolve:ssm:/golden', instanceType: 'm5.large' });
    const arm = a.addLaunchTemplate({ name: 'arm', imageId: armImage });
    a.addGroup({
      name: 'mixed',
      desiredCapacity: 2,
      mixedInstancesPolicy: { launchTemplate: { name: 'base' }, overrides: [{ instanceType: 'm5.large' }, { instanceType: 'm6g.large', launchTemplate: { id: arm } }] },
    });
    a.addLaunchConfiguration({ name: 'lc', imageId: lcImage, instanceType: 'c5.large' });
    a.addGroup({ name: 'legacy', desiredCapacity: 1, launchConfigurationName: 'lc' });
    const [x86, graviton] = a.fillGroup('mixed');
    const [legacy] = a.fillGroup('legacy');
    expect([a.instance(x86 ?? '').imageId, a.instance(graviton ?? '').imageId]).toEqual([ssmImage, armImage]);

    a.putParameter('/golden', baseImage);
    for (const id of [x86, graviton, legacy]) a.terminateInstanceInGroup(id ?? '');
    const pending = a.instances((instance) => instance.lifecycleState === 'Pending');
    expect(pending.map((instance) => [instance.group, instance.instanceType, instance.imageId])).toEqual([
      ['mixed', 'm5.large', baseImage],
      ['mixed', 'm6g.large', armImage],
      ['legacy', 'c5.large', lcImage],
    ]);
    expect(a.group('mixed').launchImageId).toBe(baseImage);
  });
});

describe('tick', () => {
  it('leaves lifecycle-hook waits alone until the hook completes, and groups being deleted do not launch', () => {
    const a = account();
    const { instanceIds } = seedWebGroup(a);
    a.setLifecycleState(instanceIds[0] ?? '', 'Terminating:Wait');
    a.setGroupStatus('web', 'Delete in progress');
    expect(a.tick()).toEqual({ terminated: [], inService: [], launched: [], terminating: [] });
    a.completeLifecycleAction(instanceIds[0] ?? '');
    expect(a.tick().terminated).toEqual([instanceIds[0]]);
  });

  it('takes launch times of new instances from the clock; a restart moves LaunchTime but not the attach times', () => {
    const a = account();
    const { instanceIds } = seedWebGroup(a);
    now = NOW + DAY;
    a.setDesiredCapacity('web', 4);
    expect(a.group('web').members[3]).toMatchObject({ lifecycleState: 'Pending', launchTime: NOW + DAY });
    const id = instanceIds[0] ?? '';
    a.stopInstance(id);
    a.startInstance(id);
    expect(a.instance(id)).toMatchObject({ launchTime: NOW + DAY, eniAttachTime: NOW - 5 * DAY, firstLaunch: NOW - 5 * DAY });
  });
});

describe('serialization', () => {
  it('round-trips the whole account through JSON and carries on from it', () => {
    const a = account();
    const { instanceIds } = seedWebGroup(a);
    a.addAlarm('cpu', { state: 'ALARM' });
    a.terminateInstanceInGroup(instanceIds[0] ?? '');
    const copy = FakeAccount.deserialize(a.serialize(), { now: () => now, pageSizes: AWS_PAGE_SIZES });
    expect(copy.group('web')).toEqual(a.group('web'));
    expect(copy.state.pageSizes).toEqual(AWS_PAGE_SIZES);
    expect(copy.tick()).toEqual(a.tick());
    expect(copy.addImage()).toBe(a.addImage());
  });

  it('carries on from a state saved before activities and new page sizes existed', () => {
    const a = account();
    seedWebGroup(a);
    const saved = JSON.parse(a.serialize()) as Record<string, unknown>;
    delete saved.activities;
    delete (saved.pageSizes as Record<string, unknown>).activities;
    const copy = FakeAccount.deserialize(JSON.stringify(saved), { now: () => now });
    copy.setDesiredCapacity('web', 4);
    expect(copy.state.activities).toHaveLength(1);
    expect(copy.state.pageSizes.activities).toBe(5);
  });
});
