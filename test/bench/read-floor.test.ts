import { fleetNeeds, readFloor } from '../../bench/read-floor';
import { BENCH_FLEET, seedBenchFleet } from '../../bench/bench-fleet';
import type { RunReport } from '../../lambda/model/report';
import { FakeAccount } from '../../local/fake-aws/account';

const NOW = Date.UTC(2026, 11, 3);

/** A report in which the named groups terminated one instance each. */
const reportActing = (groups: readonly string[], dryRun = false): RunReport =>
  ({ dryRun, terminated: groups.map((group, index) => ({ instanceId: `i-${index}`, group, reasons: ['max-age'] })), surges: [] }) as unknown as RunReport;

function seeded(groups: number): FakeAccount {
  const account = new FakeAccount();
  seedBenchFleet(account, NOW, groups);
  return account;
}

describe('the read floor counts the reads the contract demands of any run', () => {
  it('the acting groups read again before the first write: a page per 100 of them, none in a dry run', () => {
    const account = seeded(5);
    const needs = fleetNeeds(account, []);
    const acting = account.groupNames().slice(0, 2);
    expect(readFloor(needs, reportActing(acting)).get('DescribeAutoScalingGroups')).toBe(2);
    expect(readFloor(needs, reportActing(acting, true)).get('DescribeAutoScalingGroups')).toBe(1);
    expect(readFloor(needs, reportActing([])).get('DescribeAutoScalingGroups')).toBe(1);
  });

  it.each([
    [1, 1],
    [100, 1],
    [101, 2],
  ])('%i gone AMIs (deregistered, listed or not) are asked of instance metadata in %i call(s), 100 a call', (gone, calls) => {
    const account = new FakeAccount();
    const images = Array.from({ length: gone + 1 }, (_, index) => account.addImage({ name: `ami-${index}`, creationDate: NOW }));
    images.forEach((imageId, index) => {
      account.addInstance({ imageId });
      if (index === 0) return;
      account.deregisterImage(imageId, index % 2 === 0 ? { listedForMs: 86_400_000 } : {});
    });
    const needs = fleetNeeds(account, []);
    expect(needs.goneImages).toBe(gone);
    expect(readFloor(needs, reportActing([])).get('DescribeInstanceImageMetadata')).toBe(calls);
  });

  it('no gone AMI: no metadata read', () => {
    const account = new FakeAccount();
    const imageId = account.addImage({ name: 'fresh', creationDate: NOW });
    account.addInstance({ imageId });
    expect(readFloor(fleetNeeds(account, []), reportActing([])).get('DescribeInstanceImageMetadata')).toBe(0);
  });

  it('the blocked-AMIs parameter: one GetParameter when configured, none when not', () => {
    const account = seeded(1);
    expect(readFloor(fleetNeeds(account, [], BENCH_FLEET.blockedAmisParameter), reportActing([])).get('GetParameter')).toBe(1);
    expect(readFloor(fleetNeeds(account, []), reportActing([])).get('GetParameter')).toBe(0);
  });
});
