import type { FakeAccount } from '../../local/fake-aws/account';
import { DAY_MS, LocalReaper, SCHEDULED_EVENT, seedGroup, terminatedIds } from './local-reaper';

/*
 * Contract section 9 on the wire, against the synthesized bundle: a budget never takes a whole group, a scale-in during
 * the run is seen before the write, every instance a surge removes is reported, and weighted groups rotate.
 */

let reaper: LocalReaper | undefined;
afterEach(async () => reaper?.close());

const MINUTE = 60_000;
const inService = (account: FakeAccount, group: string) => account.group(group).members.filter((member) => member.lifecycleState === 'InService');

/** A mixed-instances group on one template; with `desiredCapacityType` vcpu/memory-mib the overrides need no weights. */
function seedMixed(account: FakeAccount, name: string, desiredCapacity: number, overrides: { instanceType: string; weightedCapacity?: string }[], extra: Record<string, unknown> = {}): string[] {
  const imageId = account.addImage({ name: `${name}-current`, creationDate: Date.now() - 2 * DAY_MS });
  account.addLaunchTemplate({ name: `${name}-template`, imageId });
  account.addGroup({ name, minSize: 0, maxSize: desiredCapacity * 3, desiredCapacity, mixedInstancesPolicy: { launchTemplate: { name: `${name}-template`, version: '$Latest' }, overrides }, ...extra });
  return account.fillGroup(name, { launchTime: Date.now() - 40 * DAY_MS });
}

describe('never all serving capacity at once', () => {
  it.each<[string, Record<string, unknown>, Record<string, string>, number]>([
    ['budget 2 (event) on a group of 2 terminates one', { maxTerminationsPerGroup: 2 }, {}, 2],
    ['budget 2 (group tag) on a group of 2 terminates one', {}, { 'instance-reaper:budget': '2' }, 2],
    ['60% (group tag) on a group of 2 terminates one', {}, { 'instance-reaper:budget': '60%' }, 2],
    ['100% (event) on a group of 3 terminates two', { maxTerminationsPerGroup: '100%' }, {}, 3],
  ])('%s; the rest wait with group-budget, and one instance serves throughout', async (_title, event, tags, size) => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'web', Array.from({ length: size }, (_, index) => 40 + index), { tags });
    });

    const report = await reaper.invoke(Object.keys(event).length > 0 ? event : SCHEDULED_EVENT);

    expect(report.terminated).toHaveLength(size - 1);
    expect(report.deferred.map((entry) => entry.why)).toEqual(['group-budget']);
    expect(inService(reaper.account, 'web')).toHaveLength(1);
  });

  it('budget 2 from the configuration on a group of 2 terminates one', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'web', [40, 41]);
    });

    const report = await reaper.invoke(SCHEDULED_EVENT, { env: { REAPER_MAX_TERMINATIONS_PER_GROUP: '2' } });

    expect(report.terminated).toHaveLength(1);
    expect(inService(reaper.account, 'web')).toHaveLength(1);
  });
});

describe('a fresh read before the first write', () => {
  it('a scale-in during the gate reads takes the young instance: the old one is not terminated, and waits with why', async () => {
    let old = '';
    let young = '';
    reaper = await LocalReaper.start((account) => {
      [old = '', young = ''] = seedGroup(account, 'web', [40, 2]);
      // Someone scales in, naming the young instance, after the run read the group and before it writes.
      account.onCall('DescribeInstanceRefreshes', (moved) => {
        moved.terminateInstanceInGroup(young, true);
        moved.tick();
      });
    });

    const report = await reaper.invoke();

    // The scale-in is the other tool's, made on the account directly: the reaper itself writes nothing.
    expect(reaper.mutatingCalls()).toEqual([]);
    expect(terminatedIds(report)).toEqual([]);
    expect(report.deferred).toEqual([expect.objectContaining({ instanceId: old, why: 'group-budget' })]);
    expect(inService(reaper.account, 'web').map((member) => member.instanceId)).toEqual([old]);
  });
});

describe('every termination is in the report', () => {
  it('the added instance a completion gives back is in the surge entry, a log line, the Terminated metric and the notification', async () => {
    let old = '';
    reaper = await LocalReaper.start((account) => {
      [old = ''] = seedGroup(account, 'solo', [40], { minSize: 1, maxSize: 2 });
    });
    const { account } = reaper;
    const env = { REAPER_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:reaper-notifications' };
    const start = Date.now();

    await reaper.invoke(SCHEDULED_EVENT, { env, at: start });
    account.tick();
    const added = account.group('solo').members.find((member) => member.instanceId !== old)?.instanceId ?? '';
    account.setInstanceTag(old, 'instance-reaper:exempt', 'true');
    const completing = await reaper.invokeRaw(SCHEDULED_EVENT, { env, at: start + 15 * MINUTE });

    const report = completing.result as { surges: { action: string; givenBack?: string[] }[] };
    expect(report.surges).toEqual([expect.objectContaining({ action: 'completed', instanceIds: [], givenBack: [added] })]);
    expect(account.mutatingCalls().filter((call) => call.action === 'TerminateInstanceInAutoScalingGroup').map((call) => call.params)).toEqual([
      expect.objectContaining({ InstanceId: added, ShouldDecrementDesiredCapacity: true }),
    ]);
    const lines = completing.logs.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ message: 'terminated (gave back surge capacity)', instanceId: added, group: 'solo' }));
    expect(lines).toContainEqual(expect.objectContaining({ Terminated: 1 }));
    expect(account.published.at(-1)?.message).toContain(`terminated ${added} in solo`);
  });

  it('a dry run says what it would give back', async () => {
    let old = '';
    reaper = await LocalReaper.start((account) => {
      [old = ''] = seedGroup(account, 'solo', [40], { minSize: 1, maxSize: 2 });
    });
    const { account } = reaper;
    await reaper.invoke();
    account.tick();
    const added = account.group('solo').members.find((member) => member.instanceId !== old)?.instanceId ?? '';
    account.setInstanceTag(old, 'instance-reaper:exempt', 'true');
    account.clearCalls();

    const dry = await reaper.invokeRaw({ dryRun: true });

    expect(reaper.mutatingCalls()).toEqual([]);
    expect((dry.result as { surges: unknown[] }).surges).toEqual([expect.objectContaining({ action: 'completed', givenBack: [added] })]);
    expect(dry.logs).toContain('would terminate (gave back surge capacity)');
  });
});

describe('weighted groups rotate', () => {
  it('weights 4+4 at desired 8: one member rotates, and the group gets its 8 units back', async () => {
    reaper = await LocalReaper.start((account) => {
      seedMixed(account, 'weighted', 8, [
        { instanceType: 'm5.xlarge', weightedCapacity: '4' },
        { instanceType: 'c5.xlarge', weightedCapacity: '4' },
      ]);
    });

    const report = await reaper.invoke();
    reaper.account.tick();

    expect(report.terminated).toHaveLength(1);
    expect(report.deferred.map((entry) => entry.why)).toEqual(['group-budget']);
    expect(report.errors).toEqual([]);
    expect(reaper.account.group('weighted')).toMatchObject({ desiredCapacity: 8, capacityUnits: 8 });
  });

  it('a vcpu group whose members add up to its desired vCPUs rotates', async () => {
    reaper = await LocalReaper.start((account) => {
      seedMixed(account, 'cpu', 12, [{ instanceType: 'm5.large' }, { instanceType: 'm5.xlarge' }], { desiredCapacityType: 'vcpu' });
    });

    const report = await reaper.invoke();

    expect(report.terminated).toHaveLength(1);
    expect(report.errors).toEqual([]);
    expect(reaper.account.group('cpu').desiredCapacity).toBe(12);
  });

  it('a group of one weighted member (desired 4) launches before it terminates: capacity goes up by 4 units', async () => {
    reaper = await LocalReaper.start((account) => {
      seedMixed(account, 'big', 4, [{ instanceType: 'm5.xlarge', weightedCapacity: '4' }]);
    });

    const report = await reaper.invoke();

    expect(report.terminated).toEqual([]);
    expect(report.surges).toEqual([expect.objectContaining({ action: 'capacity-added', desiredCapacity: 8 })]);
    expect(reaper.account.group('big').tags['instance-reaper:surge-state']).toMatch(/ added=1 units=4 ids=/);
  });
});
