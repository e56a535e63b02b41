import type { RunReport } from '../../lambda/model/report';
import type { FakeAccount } from '../../local/fake-aws/account';
import type { CallRecord } from '../../local/fake-aws/call-log';
import { parseLogLines } from '../../local/simulation/run-captured';
import { DAY_MS, LocalReaper, seedGroup } from './local-reaper';

let reaper: LocalReaper | undefined;
afterEach(async () => reaper?.close());

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

interface Fleet {
  /** The group's member past its lifetime in each zone, in the order of ZONES. */
  readonly due: string[];
  readonly young: string[];
  /** A due instance in no group, in the last zone: only that zone's chain of pages finds it. */
  readonly pet: string;
}

/**
 * A group across three zones, a due member in each; six instances in the first zone, more than one page of the
 * local account (five a page), so that zone's chain has two pages.
 */
function seedThreeZones(account: FakeAccount): Fleet {
  seedGroup(account, 'web', [], { availabilityZones: ZONES, desiredCapacity: 10, maxSize: 12 });
  const member = (availabilityZone: string, ageDays: number) => account.addInstance({ group: 'web', availabilityZone, launchTime: Date.now() - ageDays * DAY_MS });
  const due = ZONES.map((zone) => member(zone, 40));
  const young = [...[1, 2, 3, 4, 5].map(() => member('us-east-1a', 3)), member('us-east-1b', 3), member('us-east-1c', 3)];
  const pet = account.addInstance({ imageId: account.addImage(), availabilityZone: 'us-east-1c', launchTime: Date.now() - 200 * DAY_MS });
  return { due, young, pet };
}

const describeInstancesCalls = (local: LocalReaper): CallRecord[] => local.account.calls.filter((call) => call.action === 'DescribeInstances' && !call.throttled);

/** The zone a DescribeInstances call was limited to by the `availability-zone` filter; `region` when it was not. */
function zoneOf(call: CallRecord): string {
  const filters = (call.params.Filters ?? []) as { Name?: string; Values?: string[] }[];
  const values = filters.find((filter) => filter.Name === 'availability-zone')?.Values ?? [];
  return values.length === 1 ? (values[0] ?? '') : values.length === 0 ? 'region' : values.join(',');
}

/** Every instance of the group the report judged due: terminated now or deferred. */
const judgedDue = (report: RunReport): string[] => [...report.terminated, ...report.deferred].filter((entry) => entry.group === 'web').map((entry) => entry.instanceId).sort();

describe('the deployed bundle on the wire: instances read zone by zone', () => {
  it('reads a fleet across three zones whole, one chain of pages per listed zone, and judges every member as before', async () => {
    let fleet: Fleet | undefined;
    reaper = await LocalReaper.start((account) => {
      fleet = seedThreeZones(account);
    });

    const report = await reaper.invoke({ maxTerminationsPerGroup: 3 });

    expect(report.errors).toEqual([]);
    expect(report.scanned).toEqual({ groups: 1, instances: 11 });
    expect(judgedDue(report)).toEqual([...(fleet?.due ?? [])].sort());
    expect(report.unmanaged).toEqual([{ instanceId: fleet?.pet, reasons: ['max-age'] }]);
    expect(reaper.account.calls.filter((call) => call.action === 'DescribeAvailabilityZones').map((call) => call.params)).toEqual([expect.objectContaining({ AllAvailabilityZones: true })]);
    // The Local Zone the account has not opted in to is not read; the first zone's chain follows its NextToken.
    const calls = describeInstancesCalls(reaper);
    expect(calls.map(zoneOf).sort()).toEqual(['us-east-1a', 'us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(calls.filter((call) => zoneOf(call) === 'us-east-1a').map((call) => call.params.NextToken !== undefined)).toEqual([false, true]);
    expect(calls.every((call) => JSON.stringify(call.params.Filters).includes('instance-state-name'))).toBe(true);
  });

  it('fails the run (read-failed) and changes nothing when a member is in a zone DescribeAvailabilityZones does not list', async () => {
    let moved = '';
    reaper = await LocalReaper.start((account) => {
      const fleet = seedThreeZones(account);
      moved = fleet.young[0] ?? '';
      // Set on the record directly: seeding or launching would list the zone.
      const record = account.state.instances[moved];
      if (record) record.availabilityZone = 'us-east-1x';
    });

    const invocation = await reaper.invokeRaw({ maxTerminationsPerGroup: 3 });

    expect(invocation.error).toContain(`${moved} of web is in us-east-1x`);
    expect(parseLogLines(invocation.logs).filter((line) => line.message === 'run failed')).toEqual([
      expect.objectContaining({ level: 'ERROR', error: expect.objectContaining({ name: 'FleetReadError', code: 'read-failed' }) }),
    ]);
    expect(reaper.mutatingCalls()).toEqual([]);
    expect(reaper.account.instances((instance) => instance.state !== 'running')).toEqual([]);
  });

  it('reads every instance in one chain and reports read-denied when DescribeAvailabilityZones is denied', async () => {
    let fleet: Fleet | undefined;
    reaper = await LocalReaper.start((account) => {
      fleet = seedThreeZones(account);
      account.denyAction('ec2:DescribeAvailabilityZones');
    });

    const report = await reaper.invoke({ maxTerminationsPerGroup: 3 });

    expect(report.errors).toEqual([{ code: 'read-denied', message: expect.stringContaining('DescribeAvailabilityZones failed, instances read in one chain: UnauthorizedOperation') }]);
    expect(report.scanned).toEqual({ groups: 1, instances: 11 });
    expect(judgedDue(report)).toEqual([...(fleet?.due ?? [])].sort());
    expect(report.unmanaged).toEqual([{ instanceId: fleet?.pet, reasons: ['max-age'] }]);
    // Eleven instances, five a page: one chain of three pages over the region.
    expect(describeInstancesCalls(reaper).map(zoneOf)).toEqual(['region', 'region', 'region']);
  });
});
