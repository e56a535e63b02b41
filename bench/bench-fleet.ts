import type { FakeAccount } from '../local/fake-aws/account';

const DAY = 86_400_000;

/** The fleet: 10,000 instances in 1,000 groups, 300 AMIs, 500 launch templates. */
export const BENCH_FLEET = {
  groups: 1_000,
  instancesPerGroup: 10,
  images: 300,
  templates: 500,
  blockedAmisParameter: '/instance-reaper/blocked-amis',
  topicArn: 'arn:aws:sns:us-east-1:123456789012:instance-reaper',
} as const;

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

/** 500 templates; one in ten names its AMI through `resolve:ssm:`. Returns their IDs. */
function seedTemplates(account: FakeAccount, images: readonly string[]): string[] {
  return Array.from({ length: BENCH_FLEET.templates }, (_, index) => {
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
function seedGroups(account: FakeAccount, templates: readonly string[], now: number): void {
  for (let index = 0; index < BENCH_FLEET.groups; index++) {
    const launchTemplate = { id: templates[index % templates.length] ?? '', version: VERSIONS[index % VERSIONS.length] };
    const other = { id: templates[(index * 7 + 1) % templates.length] ?? '', version: '$Latest' };
    const name = `bench-${index}`;
    account.addGroup({
      name,
      minSize: 1,
      maxSize: BENCH_FLEET.instancesPerGroup + 2,
      desiredCapacity: BENCH_FLEET.instancesPerGroup,
      ...(index % 10 === 7
        ? { mixedInstancesPolicy: { launchTemplate, overrides: [{ instanceType: 'm7g.large' }, { instanceType: 'c7g.large', launchTemplate: other }] } }
        : { launchTemplate }),
      targetGroupArns: index % 4 === 0 ? [account.addTargetGroup(name)] : [],
    });
    account.fillGroup(name, { launchTime: now - ((index * 7) % 45) * DAY });
  }
}

/**
 * Seeds the bench fleet into an account: after the groups are filled, one template in five gets a
 * new version (groups at `$Latest` drift from it), one in ten two (a new default, then a newer latest:
 * groups pinned at version 1 are at neither), and the blocked-AMIs parameter names one AMI.
 */
export function seedBenchFleet(account: FakeAccount, now: number): void {
  const images = seedImages(account, now);
  const templates = seedTemplates(account, images);
  seedGroups(account, templates, now);
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
