import type { FakeAccount } from '../local/fake-aws/account';

const DAY = 86_400_000;

/** The bench's fleet: 10 instances a group in three zones, 300 AMIs, a launch template for every two groups (at most 5,000, AWS's quota a region). */
export const BENCH_FLEET = {
  groups: 1_000,
  instancesPerGroup: 10,
  images: 300,
  /** Spread over three zones, as production groups are. */
  availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  blockedAmisParameter: '/instance-reaper/blocked-amis',
  topicArn: 'arn:aws:sns:us-east-1:123456789012:instance-reaper',
} as const;

const templatesFor = (groups: number) => Math.min(Math.ceil(groups / 2), 5_000);

/**
 * What a team tags its groups with, propagated to every instance at launch: with the `aws:autoscaling:groupName` tag
 * AWS adds, each instance carries ten tags, as a typical fleet's do.
 */
function fleetTags(index: number): { key: string; value: string; propagateAtLaunch: boolean }[] {
  const values: Record<string, string> = {
    Name: `bench-${index}`,
    env: index % 3 === 0 ? 'production' : 'staging',
    team: `team-${index % 17}`,
    service: `service-${index % 97}`,
    'cost-center': `cc-${1000 + (index % 41)}`,
    owner: `owner-${index % 23}@example.com`,
    'app-version': `2026.${(index % 12) + 1}.${index % 31}`,
    'backup-policy': 'none',
    'patch-group': `patch-${index % 5}`,
  };
  return Object.entries(values).map(([key, value]) => ({ key, value, propagateAtLaunch: true }));
}

/** 300 AMIs up to 200 days old: one in twenty deregistered (half of those still listed, half answered empty), one in twenty deprecated. */
function seedImages(account: FakeAccount, now: number): string[] {
  return Array.from({ length: BENCH_FLEET.images }, (_, index) => {
    const imageId = account.addImage({ name: `bench-${index}`, creationDate: now - (index % 200) * DAY });
    if (index % 20 === 0) account.deregisterImage(imageId, { listedForMs: DAY });
    if (index % 20 === 10) account.deregisterImage(imageId);
    if (index % 20 === 5) account.deprecateImage(imageId, now - DAY);
    return imageId;
  });
}

/** The templates; one in ten names its AMI through `resolve:ssm:`. Returns their IDs. */
function seedTemplates(account: FakeAccount, images: readonly string[], count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const imageId = images[index % images.length] ?? '';
    if (index % 10 !== 3) return account.addLaunchTemplate({ name: `bench-${index}`, imageId, instanceType: 'm7g.large' });
    account.putParameter(`/bench/ami/${index}`, imageId);
    return account.addLaunchTemplate({ name: `bench-${index}`, imageId: `resolve:ssm:/bench/ami/${index}`, instanceType: 'm7g.large' });
  });
}

const VERSIONS = ['$Latest', '$Default', '1'] as const;

/**
 * Two groups per template, at `$Latest`, `$Default` or version 1; one group in ten has a
 * mixed-instances policy whose second type launches from a template of its own; one in four sits
 * behind a target group. Members were launched 0 to 44 days ago, a group at a time.
 */
function seedGroups(account: FakeAccount, templates: readonly string[], now: number, groups: number): void {
  const fills: { name: string; launchTime: number }[] = [];
  for (let index = 0; index < groups; index++) {
    const launchTemplate = { id: templates[index % templates.length] ?? '', version: VERSIONS[index % VERSIONS.length] };
    const other = { id: templates[(index * 7 + 1) % templates.length] ?? '', version: '$Latest' };
    const name = `bench-${index}`;
    account.addGroup({
      name,
      minSize: 1,
      maxSize: BENCH_FLEET.instancesPerGroup + 2,
      desiredCapacity: BENCH_FLEET.instancesPerGroup,
      availabilityZones: BENCH_FLEET.availabilityZones,
      ...(index % 10 === 7
        ? { mixedInstancesPolicy: { launchTemplate, overrides: [{ instanceType: 'm7g.large' }, { instanceType: 'c7g.large', launchTemplate: other }] } }
        : { launchTemplate }),
      targetGroupArns: index % 4 === 0 ? [account.addTargetGroup(name)] : [],
      tags: fleetTags(index),
    });
    fills.push({ name, launchTime: now - ((index * 7) % 45) * DAY });
  }
  account.fillGroups(fills);
}

/**
 * Seeds the bench fleet into an account: after the groups are filled, one template in five gets a
 * new version (groups at `$Latest` drift from it), one in ten two (a new default, then a newer latest:
 * groups pinned at version 1 are at neither), and the blocked-AMIs parameter names one AMI.
 */
export function seedBenchFleet(account: FakeAccount, now: number, groups: number = BENCH_FLEET.groups): void {
  const images = seedImages(account, now);
  const templates = seedTemplates(account, images, templatesFor(groups));
  seedGroups(account, templates, now, groups);
  templates.forEach((template, index) => {
    if (index % 5 === 0) account.addLaunchTemplateVersion(template, { imageId: images[(index + 1) % images.length] ?? '' });
    // A template whose default moved on twice: groups pinned at version 1 name neither its latest nor its default.
    if (index % 10 === 5) {
      account.addLaunchTemplateVersion(template, { imageId: images[(index + 2) % images.length] ?? '', makeDefault: true });
      account.addLaunchTemplateVersion(template, { imageId: images[(index + 3) % images.length] ?? '' });
    }
  });
  account.putParameter(BENCH_FLEET.blockedAmisParameter, images[7] ?? 'none', 'StringList');
}
