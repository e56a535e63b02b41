import { TAG } from '../../lambda/policy/tag-keys';
import { DEMO, seedDemoFleet } from '../demo-fleet';
import { FakeAccount } from '../fake-aws/account';
import { LocalOrganization } from './local-organization';

const DAY_MS = 86_400_000;

/** The demo organization's accounts: who they are, where they run, which fleet they hold. */
export const DEMO_ORG = {
  management: { accountId: '111111111111', region: 'us-east-1' },
  /** Holds the central bus; runs no reaper. */
  central: { accountId: '222222222222', region: 'us-east-1' },
  members: [
    { name: 'production', accountId: '333333333333', region: 'us-east-1', ou: 'production' },
    { name: 'staging', accountId: '444444444444', region: 'eu-west-1', ou: 'production' },
    { name: 'sandbox', accountId: '555555555555', region: 'us-west-2', ou: 'sandbox' },
  ],
} as const;

export type DemoMemberName = (typeof DEMO_ORG.members)[number]['name'];

/** A small fleet: a web group partly past its lifetime and an api group on an AMI 100 days old. */
function seedStagingFleet(account: FakeAccount, now: number): void {
  const daysAgo = (days: number) => now - days * DAY_MS;
  const current = account.addImage({ name: 'golden-2026-11-20', creationDate: daysAgo(3) });
  const old = account.addImage({ name: 'golden-2026-08-15', creationDate: daysAgo(100) });
  account.addLaunchTemplate({ name: 'web', imageId: current, instanceType: 't3.small' });
  account.addLaunchTemplate({ name: 'api', imageId: old, instanceType: 't3.small' });
  account.putParameter(DEMO.blockedAmisParameter, 'none', 'StringList');
  account.addGroup({ name: 'web', minSize: 1, maxSize: 6, desiredCapacity: 3, launchTemplate: { name: 'web', version: '$Latest' } });
  for (const age of [35, 31, 4]) account.addInstance({ group: 'web', imageId: current, launchTime: daysAgo(age) });
  account.addGroup({ name: 'api', minSize: 1, maxSize: 4, desiredCapacity: 2, launchTemplate: { name: 'api', version: '$Latest' } });
  for (const age of [20, 12]) account.addInstance({ group: 'api', imageId: old, launchTime: daysAgo(age) });
}

/** A sandbox left alone for months: every instance past its lifetime, one group exempt. */
function seedSandboxFleet(account: FakeAccount, now: number): void {
  const daysAgo = (days: number) => now - days * DAY_MS;
  const image = account.addImage({ name: 'sandbox-base', creationDate: daysAgo(60) });
  account.addLaunchTemplate({ name: 'lab', imageId: image, instanceType: 't3.micro' });
  account.putParameter(DEMO.blockedAmisParameter, 'none', 'StringList');
  account.addGroup({ name: 'lab', minSize: 0, maxSize: 6, desiredCapacity: 4, launchTemplate: { name: 'lab', version: '$Latest' } });
  for (const age of [70, 65, 50, 45]) account.addInstance({ group: 'lab', imageId: image, launchTime: daysAgo(age) });
  account.addGroup({ name: 'experiment', minSize: 0, maxSize: 2, desiredCapacity: 1, launchTemplate: { name: 'lab', version: '$Latest' }, tags: { [TAG.exempt]: 'true' } });
  account.addInstance({ group: 'experiment', imageId: image, launchTime: daysAgo(80) });
}

const FLEETS: Readonly<Record<DemoMemberName, (account: FakeAccount, now: number) => void>> = {
  production: (account, now) => void seedDemoFleet(account, now),
  staging: seedStagingFleet,
  sandbox: seedSandboxFleet,
};

export interface DemoOrganization {
  readonly org: LocalOrganization;
  /** The accounts that run a reaper, by name. */
  readonly members: readonly { readonly name: DemoMemberName; readonly account: FakeAccount }[];
}

/**
 * The management account, a central account with the central bus, and three member accounts with different fleets
 * (the single-account demo's, a staging fleet, a neglected sandbox), the reader role deployed in each. `region` puts
 * every member in that one region instead of its own.
 */
export function buildDemoOrganization(now: () => number, options: { readonly region?: string } = {}): DemoOrganization {
  const org = new LocalOrganization(new FakeAccount({ now, ...DEMO_ORG.management }));
  org.addMember(new FakeAccount({ now, ...DEMO_ORG.central }), { name: 'central' });
  org.createCentralBus(DEMO_ORG.central.accountId);
  const members = DEMO_ORG.members.map(({ name, accountId, region, ou }) => {
    const account = new FakeAccount({ now, accountId, region: options.region ?? region });
    FLEETS[name](account, now());
    org.addMember(account, { name, ou });
    return { name, account };
  });
  org.deployReaderRole();
  return { org, members };
}
