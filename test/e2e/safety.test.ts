import type { FakeAccount } from '../../local/fake-aws/account';
import { DAY_MS, LocalReaper, SCHEDULED_EVENT, seedGroup, terminatedIds } from './local-reaper';

let reaper: LocalReaper | undefined;
afterEach(async () => reaper?.close());

describe('the deployed bundle on the wire: safety', () => {
  it('in a dry run reports what it would terminate and makes no call that changes anything', async () => {
    let old: string[] = [];
    reaper = await LocalReaper.start((account) => {
      old = seedGroup(account, 'web', [40, 35, 2]).slice(0, 2);
    });

    const report = await reaper.invoke({ dryRun: true, maxTerminationsPerGroup: 2 });

    expect(report.dryRun).toBe(true);
    expect(terminatedIds(report)).toEqual([...old].sort());
    expect(reaper.mutatingCalls()).toEqual([]);
  });

  it('terminates through the group with ShouldDecrementDesiredCapacity=false, never through EC2', async () => {
    let oldest = '';
    reaper = await LocalReaper.start((account) => {
      [oldest = ''] = seedGroup(account, 'web', [40, 2]);
    });

    const report = await reaper.invoke();

    expect(terminatedIds(report)).toEqual([oldest]);
    expect(reaper.mutatingCalls()).toEqual([
      { action: 'TerminateInstanceInAutoScalingGroup', params: expect.objectContaining({ InstanceId: oldest, ShouldDecrementDesiredCapacity: false }) },
    ]);
    expect(reaper.account.calls.filter((call) => call.service === 'ec2').map((call) => call.action)).not.toContain('TerminateInstances');
  });

  it('takes at most the per-group budget from each group and the run budget in all, oldest first', async () => {
    const ids: Record<string, string[]> = {};
    reaper = await LocalReaper.start((account) => {
      ids.web = seedGroup(account, 'web', [50, 45, 40, 35]);
      ids.api = seedGroup(account, 'api', [60, 30, 29]);
    });

    const report = await reaper.invoke({ maxTerminationsPerGroup: 2, maxTerminations: 3 });

    expect(terminatedIds(report)).toEqual([ids.api?.[0], ids.web?.[0], ids.web?.[1]].sort());
    // web has spent its 2; api has spent 1 of its 2, so its other instances wait for the run's budget.
    expect(report.deferred.map((entry) => [entry.instanceId, entry.why])).toEqual(
      expect.arrayContaining([[ids.web?.[2], 'group-budget'], [ids.web?.[3], 'group-budget'], [ids.api?.[1], 'run-budget'], [ids.api?.[2], 'run-budget']]),
    );
    expect(report.deferred).toHaveLength(4);
    expect(reaper.mutatingCalls()).toHaveLength(3);
  });

  it('leaves exempt groups, exempt instances and protected instances alone, and says why', async () => {
    const ids: Record<string, string> = {};
    reaper = await LocalReaper.start((account) => {
      [ids.exemptGroupMember = ''] = seedGroup(account, 'payments', [90], { tags: { 'instance-reaper:exempt': 'TRUE' } });
      [ids.exemptInstance = '', ids.protectedInstance = ''] = seedGroup(account, 'web', [80, 70]);
      account.setInstanceTag(ids.exemptInstance, 'instance-reaper:exempt', 'true');
      account.setProtectedFromScaleIn(ids.protectedInstance, true);
    });

    const report = await reaper.invoke({ maxTerminationsPerGroup: 5 });

    expect(report.terminated).toEqual([]);
    expect(Object.fromEntries(report.deferred.map((entry) => [entry.instanceId, entry.why]))).toEqual({
      [ids.exemptGroupMember ?? '']: 'exempt',
      [ids.exemptInstance ?? '']: 'exempt',
      [ids.protectedInstance ?? '']: 'protected',
    });
    expect(reaper.mutatingCalls()).toEqual([]);
  });

  it.each([
    ['an instance still Pending', (account: FakeAccount, ids: string[]) => account.setLifecycleState(ids[1] ?? '', 'Pending'), 'group-unstable'],
    ['an unhealthy instance', (account: FakeAccount, ids: string[]) => account.setHealthStatus(ids[1] ?? '', 'Unhealthy'), 'group-unstable'],
    ['an instance refresh in progress', (account: FakeAccount) => void account.startInstanceRefresh('web'), 'group-unstable'],
    ['Launch suspended', (account: FakeAccount) => account.suspendProcesses('web', ['Launch']), 'processes-suspended'],
    ['the group being deleted', (account: FakeAccount) => account.setGroupStatus('web', 'Delete in progress'), 'group-unstable'],
  ])('touches nothing in a group with %s', async (_title, unsettle, why) => {
    reaper = await LocalReaper.start((account) => {
      unsettle(account, seedGroup(account, 'web', [40, 3]));
    });

    const report = await reaper.invoke();

    expect(report.terminated).toEqual([]);
    expect(report.deferred).toEqual([expect.objectContaining({ group: 'web', why })]);
    expect(reaper.mutatingCalls()).toEqual([]);
  });

  it('counts age from the first launch: a stopped and started instance is as old as its attach times', async () => {
    let restarted = '';
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'web', [3]);
      const imageId = account.group('web').launchImageId ?? '';
      restarted = account.addInstance({ group: 'web', imageId, launchTime: Date.now() - DAY_MS, eniAttachTime: Date.now() - 40 * DAY_MS, rootVolumeAttachTime: Date.now() - 41 * DAY_MS });
      account.setDesiredCapacity('web', 2);
    });

    const report = await reaper.invoke(SCHEDULED_EVENT);

    expect(report.terminated).toEqual([{ instanceId: restarted, group: 'web', reasons: ['max-age'] }]);
  });
});
