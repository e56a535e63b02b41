import { TAG } from '../lambda/policy/tag-keys';
import type { FakeAccount } from './fake-aws/account';
import type { InstanceSpec } from './fake-aws/seed-fleet';

const DAY_MS = 86_400_000;

/** Names the simulation and the CLI's local account refer to. */
export const DEMO = {
  blockedAmisParameter: '/instance-reaper/blocked-amis',
  apiAmiParameter: '/golden/api',
  refreshingGroup: 'search',
  /** Hours after the start at which the search group's instance refresh finishes. */
  refreshHours: 12,
} as const;

/** AMIs: a current golden image and the ones the fleet still runs from before it. */
function seedImages(account: FakeAccount, daysAgo: (days: number) => number) {
  return {
    current: account.addImage({ name: 'golden-2026-11-20', creationDate: daysAgo(3) }),
    currentArm: account.addImage({ name: 'golden-arm64-2026-11-20', creationDate: daysAgo(3) }),
    previous: account.addImage({ name: 'golden-2026-10-30', creationDate: daysAgo(24) }),
    ancient: account.addImage({ name: 'golden-2026-07-01', creationDate: daysAgo(145) }),
    deprecated: account.addImage({ name: 'api-2026-09-12', creationDate: daysAgo(72), deprecationTime: daysAgo(10) }),
    gone: account.addImage({ name: 'batch-2026-08-02', creationDate: daysAgo(113), state: 'gone' }),
  };
}

function seedLaunchSources(account: FakeAccount, images: ReturnType<typeof seedImages>): void {
  // web's $Latest moved to the current image: instances still on the previous one have drifted.
  account.addLaunchTemplate({ name: 'web', imageId: images.previous, instanceType: 't3.medium' });
  account.addLaunchTemplateVersion('web', { imageId: images.current });
  account.putParameter(DEMO.apiAmiParameter, images.current);
  account.addLaunchTemplate({ name: 'api', imageId: `resolve:ssm:${DEMO.apiAmiParameter}`, instanceType: 'c7i.large' });
  account.addLaunchTemplate({ name: 'batch', imageId: images.current, instanceType: 'm7i.large' });
  account.addLaunchTemplate({ name: 'batch-arm64', imageId: images.currentArm, instanceType: 'm7g.large' });
  // legacy moved to a newer launch configuration; its instances still run the first one's AMI.
  account.addLaunchConfiguration({ name: 'legacy-v1', imageId: images.ancient, instanceType: 't3.small' });
  account.addLaunchConfiguration({ name: 'legacy-v2', imageId: images.previous, instanceType: 't3.small' });
  account.putParameter(DEMO.blockedAmisParameter, 'none', 'StringList');
}

/**
 * A realistic small fleet at time `now`: groups of every kind the reaper meets, instances of many ages,
 * an old, a deprecated and a long-deregistered AMI, a template whose $Latest moved, an exempt group,
 * a group mid instance refresh, a group of one, a group with a maintenance window, and a pet.
 */
export function seedDemoFleet(account: FakeAccount, now: number): { readonly refreshId: string } {
  const daysAgo = (days: number) => now - days * DAY_MS;
  const images = seedImages(account, daysAgo);
  seedLaunchSources(account, images);
  const webTargets = account.addTargetGroup('web');
  const seed = (group: string, imageId: string, ages: readonly number[], extra: Partial<InstanceSpec> = {}) =>
    ages.map((age) => account.addInstance({ group, imageId, launchTime: daysAgo(age), ...extra }));

  account.addGroup({ name: 'web', minSize: 2, maxSize: 12, desiredCapacity: 6, launchTemplate: { name: 'web', version: '$Latest' }, targetGroupArns: [webTargets] });
  seed('web', images.previous, [45, 12]);
  // Stopped and started yesterday: LaunchTime is young, the attach times remember the first launch.
  account.addInstance({ group: 'web', imageId: images.previous, launchTime: daysAgo(1), eniAttachTime: daysAgo(33), rootVolumeAttachTime: daysAgo(33) });
  seed('web', images.previous, [20], { protectedFromScaleIn: true });
  seed('web', images.current, [5, 2]);

  account.addGroup({ name: 'api', minSize: 2, maxSize: 8, desiredCapacity: 4, launchTemplate: { name: 'api', version: '$Default' } });
  seed('api', images.deprecated, [40, 26, 18, 9]);

  account.addGroup({
    name: 'batch',
    maxSize: 8,
    desiredCapacity: 4,
    mixedInstancesPolicy: {
      launchTemplate: { name: 'batch', version: '$Default' },
      overrides: [{ instanceType: 'm7i.large' }, { instanceType: 'm7g.large', launchTemplate: { name: 'batch-arm64', version: '$Default' } }],
    },
  });
  seed('batch', images.gone, [30, 10], { instanceType: 'm7i.large' });
  seed('batch', images.gone, [30, 10], { instanceType: 'm7g.large' });

  account.addGroup({ name: 'legacy', minSize: 1, maxSize: 6, desiredCapacity: 3, launchConfigurationName: 'legacy-v2' });
  seed('legacy', images.ancient, [60, 50, 40]);

  account.addGroup({ name: 'payments', minSize: 3, maxSize: 6, desiredCapacity: 3, launchTemplate: { name: 'web', version: '$Latest' }, tags: { [TAG.exempt]: 'true' } });
  seed('payments', images.previous, [90, 90, 90]);

  account.addGroup({ name: DEMO.refreshingGroup, minSize: 3, maxSize: 6, desiredCapacity: 3, launchTemplate: { name: 'web', version: '$Latest' } });
  seed(DEMO.refreshingGroup, images.previous, [35, 35, 35]);
  const refreshId = account.startInstanceRefresh(DEMO.refreshingGroup, 'InProgress');

  // A group of one: the reaper launches the replacement before it terminates.
  account.addGroup({ name: 'bastion', minSize: 1, maxSize: 2, desiredCapacity: 1, launchTemplate: { name: 'web', version: '$Latest' } });
  seed('bastion', images.current, [40]);

  account.addGroup({
    name: 'queue',
    minSize: 3,
    maxSize: 6,
    desiredCapacity: 3,
    launchTemplate: { name: 'web', version: '$Latest' },
    tags: { [TAG.window]: 'Tue,Thu 02:00-04:00 UTC', [TAG.graceDays]: '3' },
  });
  seed('queue', images.current, [30, 29, 15]);

  account.addInstance({ imageId: images.ancient, launchTime: daysAgo(200), tags: { Name: 'build-server (pet)' } });
  return { refreshId };
}
