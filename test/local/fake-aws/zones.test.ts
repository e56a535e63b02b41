import { DescribeAvailabilityZonesCommand, DescribeInstancesCommand, type DescribeAvailabilityZonesCommandInput } from '@aws-sdk/client-ec2';
import { FakeAccount } from '../../../local/fake-aws/account';
import { NOW, seedWebGroup, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const zoneNames = async (input: DescribeAvailabilityZonesCommandInput = {}): Promise<string[]> =>
  ((await h.ec2.send(new DescribeAvailabilityZonesCommand(input))).AvailabilityZones ?? []).map((zone) => zone.ZoneName ?? '');

describe('DescribeAvailabilityZones', () => {
  it('lists the zones the account can use, and with AllAvailabilityZones also those it has not opted in to', async () => {
    expect(await zoneNames()).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    const all = await h.ec2.send(new DescribeAvailabilityZonesCommand({ AllAvailabilityZones: true }));
    expect(all.AvailabilityZones?.map((zone) => [zone.ZoneName, zone.ZoneType, zone.OptInStatus])).toEqual([
      ['us-east-1a', 'availability-zone', 'opt-in-not-required'],
      ['us-east-1b', 'availability-zone', 'opt-in-not-required'],
      ['us-east-1c', 'availability-zone', 'opt-in-not-required'],
      ['us-east-1-lz-1a', 'local-zone', 'not-opted-in'],
    ]);
    expect(all.AvailabilityZones?.[0]).toMatchObject({ State: 'available', RegionName: 'us-east-1', GroupName: 'us-east-1', ZoneId: expect.any(String) });
    expect(all.AvailabilityZones?.[3]).toMatchObject({ GroupName: 'us-east-1-lz-1', NetworkBorderGroup: 'us-east-1-lz-1' });
    expect(new Set(all.AvailabilityZones?.map((zone) => zone.ZoneId)).size).toBe(4);
  });

  it('answers the zones named, and InvalidParameterValue for a zone the region does not have', async () => {
    expect(await zoneNames({ ZoneNames: ['us-east-1c', 'us-east-1a'] })).toEqual(['us-east-1a', 'us-east-1c']);
    await expect(h.ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['us-east-1a', 'us-east-1z'] }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: "The zone 'us-east-1z' does not exist in the current region.",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it.each([
    ['zone-type', ['local-zone'], ['us-east-1-lz-1a']],
    ['opt-in-status', ['opt-in-not-required'], ['us-east-1a', 'us-east-1b', 'us-east-1c']],
    ['opt-in-status', ['not-opted-in'], ['us-east-1-lz-1a']],
    ['zone-name', ['us-east-1b', 'us-east-1-lz-*'], ['us-east-1b', 'us-east-1-lz-1a']],
    ['state', ['available'], ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1-lz-1a']],
    ['state', ['impaired'], []],
  ])('filters by %s %j', async (name, values, expected) => {
    expect(await zoneNames({ AllAvailabilityZones: true, Filters: [{ Name: name, Values: values }] })).toEqual(expected);
  });

  it('refuses a filter it does not know', async () => {
    await expect(h.ec2.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'region-name', Values: ['us-east-1'] }] }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});

describe('DescribeInstances by zone', () => {
  it('the availability-zone filter returns only the instances of the zones asked', async () => {
    const imageId = h.account.addImage();
    const [a1, a2, b, c] = ['us-east-1a', 'us-east-1a', 'us-east-1b', 'us-east-1c'].map((availabilityZone) => h.account.addInstance({ imageId, availabilityZone }));
    const idsIn = async (...zones: string[]) => {
      const answer = await h.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'availability-zone', Values: zones }] }));
      return (answer.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []).map((instance) => instance.InstanceId);
    };

    expect(await idsIn('us-east-1a')).toEqual([a1, a2]);
    expect(await idsIn('us-east-1b', 'us-east-1c')).toEqual([b, c]);
    expect(await idsIn('us-east-1d')).toEqual([]);
    const answer = await h.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'availability-zone', Values: ['us-east-1b'] }] }));
    expect(answer.Reservations?.[0]?.Instances?.[0]?.Placement?.AvailabilityZone).toBe('us-east-1b');
  });
});

describe('zones in use are listed', () => {
  it('a group seeded in a zone the region did not list lists it; an instance launched in a Local Zone opts the account in to it', async () => {
    seedWebGroup(h.account);
    h.account.addGroup({ name: 'edge', desiredCapacity: 1, launchTemplate: { name: 'web' }, availabilityZones: ['us-east-1d'] });
    expect(await zoneNames()).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d']);

    h.account.addInstance({ imageId: h.account.addImage(), availabilityZone: 'us-east-1-lz-1a' });
    const zones = await h.ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['us-east-1-lz-1a'] }));
    expect(zones.AvailabilityZones?.map((zone) => [zone.ZoneName, zone.OptInStatus])).toEqual([['us-east-1-lz-1a', 'opted-in']]);
  });

  it('carries on from a state saved before zones were listed: the default zones, and every zone its groups and instances use', () => {
    const account = new FakeAccount({ now: () => NOW });
    const imageId = account.addImage();
    account.addGroup({ name: 'web', desiredCapacity: 0, availabilityZones: ['us-east-1a', 'us-east-1f'] });
    const moved = account.addInstance({ imageId });
    const record = account.state.instances[moved];
    if (record) record.availabilityZone = 'us-east-1e';
    const saved = JSON.parse(account.serialize()) as Record<string, unknown>;
    delete saved.zones;

    const copy = FakeAccount.deserialize(JSON.stringify(saved), { now: () => NOW });

    expect(copy.state.zones.map((zone) => [zone.name, zone.optInStatus])).toEqual([
      ['us-east-1a', 'opt-in-not-required'],
      ['us-east-1b', 'opt-in-not-required'],
      ['us-east-1c', 'opt-in-not-required'],
      ['us-east-1-lz-1a', 'not-opted-in'],
      ['us-east-1f', 'opt-in-not-required'],
      ['us-east-1e', 'opt-in-not-required'],
    ]);
  });
});
