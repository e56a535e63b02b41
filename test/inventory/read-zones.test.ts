import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import {
  DescribeAvailabilityZonesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
  type DescribeInstancesCommandInput,
  type DescribeInstancesCommandOutput,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { FleetReadError } from '../../lambda/errors';
import { readFleet } from '../../lambda/inventory/read-fleet';
import { readInstances } from '../../lambda/inventory/read-instances';
import { readZones } from '../../lambda/inventory/read-zones';
import { awsGroup, awsInstance, daysAgo, testClients } from './aws-fixtures';

const ec2 = mockClient(EC2Client);
const autoScaling = mockClient(AutoScalingClient);

const STATE_FILTER = { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] };
const failure = (name: string) => Object.assign(new Error(`${name} happened`), { name, $fault: 'client', $metadata: {} });
const zone = (ZoneName: string, OptInStatus: 'opt-in-not-required' | 'opted-in' | 'not-opted-in') => ({ ZoneName, OptInStatus });

/** The zone a DescribeInstances call is limited to, or undefined for a call over the whole region. */
const zoneOf = (input: DescribeInstancesCommandInput): string | undefined => input.Filters?.find((filter) => filter.Name === 'availability-zone')?.Values?.[0];

const instanceCalls = () => ec2.commandCalls(DescribeInstancesCommand).map((call) => call.args[0].input);

beforeEach(() => {
  ec2.reset();
  autoScaling.reset();
});

describe('readZones', () => {
  it('asks for every zone (AllAvailabilityZones) and keeps those an instance can run in: not the zones the account has not opted in to', async () => {
    ec2.on(DescribeAvailabilityZonesCommand).resolves({
      AvailabilityZones: [
        zone('us-east-1a', 'opt-in-not-required'),
        zone('us-east-1-bos-1a', 'opted-in'),
        zone('us-east-1-wl1-bos-wlz-1', 'not-opted-in'),
        zone('us-east-1b', 'opt-in-not-required'),
      ],
    });

    const read = await readZones(testClients());

    // Sorted: AWS may list zones in any order, and the snapshot follows the zones' order.
    expect(read).toEqual({ zones: ['us-east-1-bos-1a', 'us-east-1a', 'us-east-1b'], errors: [] });
    expect(ec2).toHaveReceivedCommandTimes(DescribeAvailabilityZonesCommand, 1);
    expect(ec2).toHaveReceivedCommandWith(DescribeAvailabilityZonesCommand, { AllAvailabilityZones: true });
  });

  it.each([
    ['no zone at all', []],
    ['only zones the account has not opted in to', [zone('us-east-1-lax-1a', 'not-opted-in')]],
  ])('leaves the zones unknown, without an error, when the answer names %s', async (_title, zones) => {
    ec2.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: zones });

    const read = await readZones(testClients());

    expect(read.zones).toBeUndefined();
    expect(read.errors).toEqual([]);
  });

  it.each([
    ['AccessDenied', 'read-denied'],
    ['UnauthorizedOperation', 'read-denied'],
    ['InternalError', 'read-failed'],
    ['RequestLimitExceeded', 'read-failed'],
  ])('a call that fails with %s leaves the zones unknown and reports %s', async (name, code) => {
    ec2.on(DescribeAvailabilityZonesCommand).rejects(failure(name));

    const read = await readZones(testClients());

    expect(read.zones).toBeUndefined();
    expect(read.errors).toEqual([{ code, message: `DescribeAvailabilityZones failed, instances read in one chain: ${name}: ${name} happened` }]);
  });
});

describe('readInstances with zones', () => {
  it('reads one chain per zone, each with the state filter and its zone filter, follows each chain\'s NextToken and merges them', async () => {
    const pages: Record<string, DescribeInstancesCommandOutput[]> = {
      'us-east-1a': [
        { Reservations: [{ Instances: [awsInstance('i-a1', 3)] }], NextToken: 'a-2', $metadata: {} },
        { Reservations: [{ Instances: [awsInstance('i-a2', 3), awsInstance('i-a-gone', 3, 'ami-new', { State: { Name: 'terminated' } })] }], NextToken: 'a-3', $metadata: {} },
        { Reservations: [{ Instances: [awsInstance('i-a3', 3)] }], $metadata: {} },
      ],
      'us-east-1b': [{ Reservations: [{ Instances: [awsInstance('i-b1', 3)] }], $metadata: {} }],
      'us-east-1c': [{ Reservations: [], $metadata: {} }],
    };
    const tokens = [undefined, 'a-2', 'a-3'];
    ec2.on(DescribeInstancesCommand).callsFake((input: DescribeInstancesCommandInput) => {
      const page = pages[zoneOf(input) ?? '']?.[tokens.indexOf(input.NextToken)];
      if (!page) throw new Error(`unexpected call ${JSON.stringify(input)}`);
      return page;
    });

    const instances = await readInstances(testClients(), ['us-east-1a', 'us-east-1b', 'us-east-1c']);

    expect([...instances.keys()].sort()).toEqual(['i-a1', 'i-a2', 'i-a3', 'i-b1']);
    const calls = instanceCalls();
    expect(calls).toHaveLength(5);
    for (const input of calls) {
      expect(input).toMatchObject({ MaxResults: 1000, Filters: [STATE_FILTER, { Name: 'availability-zone', Values: [zoneOf(input)] }] });
    }
    expect(calls.map((input) => [zoneOf(input), input.NextToken])).toEqual(
      expect.arrayContaining([
        ['us-east-1a', undefined],
        ['us-east-1a', 'a-2'],
        ['us-east-1a', 'a-3'],
        ['us-east-1b', undefined],
        ['us-east-1c', undefined],
      ]),
    );
  });

  it('runs the chains side by side: a zone\'s first page is asked while another zone\'s first page is still being answered', async () => {
    let zoneBAsked: () => void = () => undefined;
    const zoneBAskedPromise = new Promise<void>((resolve) => (zoneBAsked = resolve));
    ec2.on(DescribeInstancesCommand).callsFake(async (input: DescribeInstancesCommandInput) => {
      if (zoneOf(input) === 'us-east-1b') zoneBAsked();
      else {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error('us-east-1b was not asked while us-east-1a was read')), 2000)));
        await Promise.race([zoneBAskedPromise, timeout]).finally(() => clearTimeout(timer));
      }
      return { Reservations: [{ Instances: [awsInstance(`i-${zoneOf(input) ?? 'region'}`, 3)] }] };
    });

    const instances = await readInstances(testClients(), ['us-east-1a', 'us-east-1b']);

    expect([...instances.keys()].sort()).toEqual(['i-us-east-1a', 'i-us-east-1b']);
  });

  it('lists the instances by ID, however the zones\' chains and their answers interleave', async () => {
    const pages: Record<string, DescribeInstancesCommandOutput[]> = {
      'us-east-1a': [
        { Reservations: [{ Instances: [awsInstance('i-4', 3)] }], NextToken: 'a-2', $metadata: {} },
        { Reservations: [{ Instances: [awsInstance('i-1', 3)] }], $metadata: {} },
      ],
      'us-east-1b': [{ Reservations: [{ Instances: [awsInstance('i-3', 3), awsInstance('i-2', 3)] }], $metadata: {} }],
    };
    // The first zone answers last: its pages arrive after the second zone's.
    ec2.on(DescribeInstancesCommand).callsFake(async (input: DescribeInstancesCommandInput) => {
      const zoneName = zoneOf(input) ?? '';
      if (zoneName === 'us-east-1a') await new Promise((resolve) => setTimeout(resolve, 20));
      return pages[zoneName]?.[input.NextToken ? 1 : 0];
    });

    const instances = await readInstances(testClients(), ['us-east-1a', 'us-east-1b']);

    expect([...instances.keys()]).toEqual(['i-1', 'i-2', 'i-3', 'i-4']);
  });

  it.each([
    ['without zones', undefined],
    ['with an empty list of zones', []],
  ])('reads the region in one chain %s, with the state filter only', async (_title, zones) => {
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce({ Reservations: [{ Instances: [awsInstance('i-2', 3)] }], NextToken: 'p2' })
      .resolvesOnce({ Reservations: [{ Instances: [awsInstance('i-1', 3)] }] });

    const instances = await readInstances(testClients(), zones);

    expect([...instances.keys()]).toEqual(['i-1', 'i-2']);
    expect(instanceCalls()).toEqual([
      { MaxResults: 1000, Filters: [STATE_FILTER] },
      { MaxResults: 1000, Filters: [STATE_FILTER], NextToken: 'p2' },
    ]);
  });
});

describe('readFleet: zones', () => {
  beforeEach(() => {
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [{ VersionNumber: 3, DefaultVersion: true, LaunchTemplateData: { ImageId: 'ami-new' } }] });
    ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-new', State: 'available', CreationDate: daysAgo(3).toISOString() }] });
    ec2.on(DescribeInstancesCommand).callsFake((input: DescribeInstancesCommandInput) => ({ Reservations: [{ Instances: [awsInstance(`i-${zoneOf(input) ?? 'region'}`, 3)] }] }));
  });

  /** A group with one member in each zone given. */
  const groupIn = (name: string, zones: readonly string[]) => {
    const group = awsGroup(name, zones.map((memberZone) => `i-${memberZone}`), { AvailabilityZones: [...zones] });
    return { ...group, Instances: group.Instances?.map((member, index) => ({ ...member, AvailabilityZone: zones[index] })) };
  };

  it('reads the instances of every listed zone, and a member in each of them passes the check', async () => {
    ec2.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: [zone('us-east-1a', 'opt-in-not-required'), zone('us-east-1b', 'opt-in-not-required')] });
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [groupIn('web', ['us-east-1a', 'us-east-1b'])] });

    const snapshot = await readFleet(testClients(), {});

    expect([...snapshot.instances.keys()].sort()).toEqual(['i-us-east-1a', 'i-us-east-1b']);
    expect(instanceCalls().map(zoneOf).sort()).toEqual(['us-east-1a', 'us-east-1b']);
    expect(snapshot.errors).toEqual([]);
  });

  it('fails the read (read-failed) when a group member is in a zone that was not listed, naming the instance, its group and the zone', async () => {
    ec2.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: [zone('us-east-1a', 'opt-in-not-required'), zone('us-east-1b', 'opt-in-not-required')] });
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [groupIn('api', ['us-east-1a']), groupIn('web', ['us-east-1b', 'us-east-1d'])] });

    const read = readFleet(testClients(), {});

    await expect(read).rejects.toThrow(FleetReadError);
    await expect(read).rejects.toMatchObject({ code: 'read-failed', message: expect.stringMatching(/i-us-east-1d of web is in us-east-1d, which DescribeAvailabilityZones did not list/) });
  });

  it('a member in a zone the account has not opted in to fails the read too: that zone was not read', async () => {
    ec2.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: [zone('us-east-1a', 'opt-in-not-required'), zone('us-east-1-bos-1a', 'not-opted-in')] });
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [groupIn('edge', ['us-east-1-bos-1a'])] });

    await expect(readFleet(testClients(), {})).rejects.toMatchObject({ name: 'FleetReadError', code: 'read-failed', message: expect.stringContaining('us-east-1-bos-1a') });
    expect(instanceCalls().map(zoneOf)).toEqual(['us-east-1a']);
  });

  it.each([
    ['denied', () => ec2.on(DescribeAvailabilityZonesCommand).rejects(failure('UnauthorizedOperation')), [{ code: 'read-denied', message: expect.stringContaining('DescribeAvailabilityZones failed') }]],
    ['failing', () => ec2.on(DescribeAvailabilityZonesCommand).rejects(failure('InternalError')), [{ code: 'read-failed', message: expect.stringContaining('DescribeAvailabilityZones failed') }]],
    ['answered with no zone', () => ec2.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: [] }), []],
  ])('when DescribeAvailabilityZones is %s, reads the region in one chain and checks no member\'s zone', async (_title, arrange, errors) => {
    arrange();
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [groupIn('web', ['us-east-1d'])] });

    const snapshot = await readFleet(testClients(), {});

    expect([...snapshot.instances.keys()]).toEqual(['i-region']);
    expect(instanceCalls()).toEqual([{ MaxResults: 1000, Filters: [STATE_FILTER] }]);
    expect(snapshot.errors).toEqual(errors);
  });
});
