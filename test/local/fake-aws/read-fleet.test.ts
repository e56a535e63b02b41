import { createClients, type AwsClients } from '../../../lambda/clients';
import { readFleet } from '../../../lambda/inventory/read-fleet';
import { FakeAccount } from '../../../local/fake-aws/account';
import { startFakeAws, type FakeAws } from '../../../local/fake-aws/server';
import { DAY, NOW } from './harness';

/** The reaper's own clients, built by createClients() with nothing but the fake's environment applied. */
let fake: FakeAws;
let clients: AwsClients;
let account: FakeAccount;
const saved = { ...process.env };

function seed(): Record<string, string> {
  const current = account.addImage({ name: 'web-2', creationDate: NOW - 2 * DAY });
  const old = account.addImage({ name: 'web-1', creationDate: NOW - 200 * DAY });
  const gone = account.addImage({ name: 'ancient', creationDate: NOW - 900 * DAY });
  account.putParameter('/golden/web', current);
  const template = account.addLaunchTemplate({ name: 'web', imageId: old });
  account.addLaunchTemplateVersion(template, { imageId: 'resolve:ssm:/golden/web' });
  account.addGroup({ name: 'web', minSize: 1, maxSize: 4, desiredCapacity: 2, launchTemplate: { name: 'web', version: '$Latest' }, tags: { 'instance-reaper:max-age-days': '14' } });
  const fresh = account.addInstance({ group: 'web' });
  const stale = account.addInstance({ group: 'web', imageId: old, launchTime: NOW - DAY, eniAttachTime: NOW - 30 * DAY, rootVolumeAttachTime: NOW - 29 * DAY });
  const lonely = account.addInstance({ imageId: gone, state: 'stopped' });
  account.deregisterImage(gone, { gone: true });
  account.putParameter('/reaper/blocked-amis', `${old}`, 'StringList');
  return { current, old, gone, fresh, stale, lonely };
}

beforeEach(async () => {
  account = new FakeAccount({ now: () => NOW });
  fake = await startFakeAws(account);
  Object.assign(process.env, fake.env);
  clients = createClients();
});
afterEach(async () => {
  // eventBridgeIn makes clients on demand; the others are clients to close.
  for (const client of Object.values(clients)) if (typeof client !== 'function') (client as { destroy(): void }).destroy();
  process.env = { ...saved };
  await fake.close();
});

it('reads a seeded account into the snapshot the reaper decides on', async () => {
  const ids = seed();
  const fleet = await readFleet(clients, { blockedAmisParameter: '/reaper/blocked-amis' });

  expect(fleet.errors).toEqual([]);
  expect(fleet.blockedAmiIds).toEqual([ids.old]);
  expect(fleet.groups).toEqual([
    expect.objectContaining({
      name: 'web',
      desiredCapacity: 2,
      tags: { 'instance-reaper:max-age-days': '14' },
      members: [expect.objectContaining({ instanceId: ids.fresh, lifecycleState: 'InService' }), expect.objectContaining({ instanceId: ids.stale })],
      launchImages: { imageId: ids.current, imageIdByInstanceType: {} },
    }),
  ]);
  expect(fleet.instances.get(ids.stale ?? '')).toMatchObject({ launchTime: NOW - DAY, primaryEniAttachTime: NOW - 30 * DAY, rootVolumeAttachTime: NOW - 29 * DAY });
  expect(fleet.instances.get(ids.lonely ?? '')?.state).toBe('stopped');
  expect(fleet.images.get(ids.gone ?? '')).toEqual({ imageId: ids.gone, state: 'missing', name: 'ancient', creationDate: NOW - 900 * DAY });
  expect(fleet.images.get(ids.old ?? '')).toMatchObject({ state: 'available', creationDate: NOW - 200 * DAY });
  expect(account.mutatingCalls()).toEqual([]);
  expect(new Set(account.calls.map((call) => call.service))).toEqual(new Set(['autoscaling', 'ec2', 'ssm']));
});
