import type { RunReport } from '../../lambda/model/report';
import { LocalReaper, seedGroup, terminatedIds } from './local-reaper';

let reaper: LocalReaper | undefined;
afterEach(async () => reaper?.close());

/** Instances of the group that are InService and Healthy right now. */
const serving = (reaper: LocalReaper, group: string) => reaper.account.group(group).inService.length;

/** Runs and ticks in turn until a run has nothing left to do; `watch` sees the group after every step. */
async function rotateUntilDone(reaper: LocalReaper, event: unknown, watch: () => void, maxRuns = 12): Promise<RunReport[]> {
  const reports: RunReport[] = [];
  for (let run = 0; run < maxRuns; run += 1) {
    const report = await reaper.invoke(event);
    reports.push(report);
    watch();
    if (report.terminated.length === 0 && report.surges.length === 0 && report.deferred.length === 0) return reports;
    reaper.account.tick();
    watch();
  }
  throw new Error(`rotation did not finish in ${maxRuns} runs`);
}

describe('the deployed bundle on the wire: rotation', () => {
  it.each([
    ['1', 1],
    ['50%', 2],
  ])('replaces a group whose every instance is due, never with more than the budget (%s) missing', async (budget, missingAllowed) => {
    let original: string[] = [];
    reaper = await LocalReaper.start((account) => {
      original = seedGroup(account, 'web', [40, 39, 38, 37]);
    });
    const local = reaper;
    let fewestServing = 4;

    const reports = await rotateUntilDone(local, { maxTerminationsPerGroup: budget === '1' ? 1 : budget }, () => {
      fewestServing = Math.min(fewestServing, serving(local, 'web'));
    });

    expect(reports.flatMap(terminatedIds).sort()).toEqual([...original].sort());
    expect(fewestServing).toBe(4 - missingAllowed);
    const members = local.account.group('web').members;
    expect(members.map((member) => member.instanceId).filter((id) => original.includes(id))).toEqual([]);
    expect(members.every((member) => member.lifecycleState === 'InService')).toBe(true);
  });

  it('rotates a group of one by launching first: it never has fewer than one instance serving', async () => {
    let only = '';
    reaper = await LocalReaper.start((account) => {
      [only = ''] = seedGroup(account, 'bastion', [40], { minSize: 1, maxSize: 2 });
    });
    const local = reaper;
    const servingCounts: number[] = [];

    const reports = await rotateUntilDone(local, {}, () => servingCounts.push(serving(local, 'bastion')));

    expect(Math.min(...servingCounts)).toBe(1);
    expect(reports.map((report) => report.surges.map((surge) => surge.action))).toEqual([['capacity-added'], ['completed'], []]);
    expect(reports[0]?.deferred).toEqual([{ instanceId: only, group: 'bastion', reasons: ['max-age'], why: 'surge-pending' }]);
    expect(terminatedIds(reports[1] as RunReport)).toEqual([only]);
    expect(local.account.group('bastion')).toMatchObject({ desiredCapacity: 1, tags: {} });
    expect(local.mutatingCalls().map((call) => call.action)).toEqual(['CreateOrUpdateTags', 'SetDesiredCapacity', 'TerminateInstanceInAutoScalingGroup', 'DeleteTags']);
  });

  it('waits with no-headroom when a group that must launch first is at its maximum size', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'bastion', [40], { minSize: 1, maxSize: 1 });
    });

    const report = await reaper.invoke();

    expect(report.deferred).toEqual([expect.objectContaining({ group: 'bastion', why: 'no-headroom' })]);
    expect(reaper.mutatingCalls()).toEqual([]);
  });

  it('stops while an alarm of the group is in ALARM and resumes when it clears', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'web', [40, 39, 38], { tags: { 'instance-reaper:alarms': 'web-5xx' } });
      account.addAlarm('web-5xx');
    });

    const first = await reaper.invoke();
    reaper.account.tick();
    reaper.account.setAlarmState('web-5xx', 'ALARM');
    const during = await reaper.invoke();
    reaper.account.setAlarmState('web-5xx', 'OK');
    const after = await reaper.invoke();

    expect(first.terminated).toHaveLength(1);
    expect(during.terminated).toEqual([]);
    expect(during.deferred.map((entry) => entry.why)).toEqual(['alarm', 'alarm']);
    expect(after.terminated).toHaveLength(1);
  });

  it('holds a group that names an alarm that does not exist, and reports it', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'web', [40, 3], { tags: { 'instance-reaper:alarms': 'web-5xx-typo' } });
    });

    const report = await reaper.invoke();

    expect(report.deferred).toEqual([expect.objectContaining({ group: 'web', why: 'alarm' })]);
    expect(report.errors).toEqual([expect.objectContaining({ group: 'web', code: 'alarm-unknown', message: expect.stringContaining('web-5xx-typo') })]);
    expect(reaper.mutatingCalls()).toEqual([]);
  });

  it('terminates only while every load-balancer target of the group is healthy', async () => {
    let ids: string[] = [];
    let targetGroup = '';
    reaper = await LocalReaper.start((account) => {
      targetGroup = account.addTargetGroup('web');
      ids = seedGroup(account, 'web', [40, 2], { targetGroupArns: [targetGroup] });
      account.setTargetHealth(targetGroup, ids[1] ?? '', 'unhealthy');
    });

    const held = await reaper.invoke();
    reaper.account.setTargetHealth(targetGroup, ids[1] ?? '', 'healthy');
    const released = await reaper.invoke();

    expect(held.deferred).toEqual([expect.objectContaining({ instanceId: ids[0], why: 'targets-unhealthy' })]);
    expect(terminatedIds(released)).toEqual([ids[0]]);
  });

  it('does not fight a scaling policy that scales out during a surge: it gives back only what it added', async () => {
    let old = '';
    reaper = await LocalReaper.start((account) => {
      [old = ''] = seedGroup(account, 'bastion', [40], { minSize: 1, maxSize: 4 });
    });

    await reaper.invoke();
    reaper.account.setDesiredCapacity('bastion', 3);
    reaper.account.tick();
    const completing = await reaper.invoke();

    expect(terminatedIds(completing)).toEqual([old]);
    expect(reaper.account.group('bastion').desiredCapacity).toBe(2);
  });

  it('leaves a surge alone when a scaling policy lowered the capacity below it, and after the timeout only removes its tag', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'bastion', [40], { minSize: 1, maxSize: 4 });
    });

    await reaper.invoke();
    reaper.account.setDesiredCapacity('bastion', 1);
    reaper.account.tick();
    reaper.account.clearCalls();
    const waiting = await reaper.invoke();
    const afterTimeout = await reaper.invoke(undefined, { at: Date.now() + 61 * 60_000 });

    expect(waiting.terminated).toEqual([]);
    expect(afterTimeout.surges).toEqual([expect.objectContaining({ group: 'bastion', action: 'rolled-back' })]);
    expect(afterTimeout.errors).toEqual([expect.objectContaining({ group: 'bastion', code: 'surge-incomplete' })]);
    expect(reaper.mutatingCalls().map((call) => call.action)).toEqual(['DeleteTags']);
    expect(reaper.account.group('bastion')).toMatchObject({ desiredCapacity: 1, tags: {} });
  });
});
