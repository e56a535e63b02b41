import type { RunReport } from '../../lambda/model/report';
import { LocalReaper, SCHEDULED_EVENT, seedGroup, terminatedIds } from './local-reaper';

/*
 * Launch before terminate where AWS is unkind: the group's termination policy picks the oldest instance when
 * desired capacity goes down, new targets may never turn healthy, other tools move capacity mid-run, and the
 * reaper's recorded state may have been edited or copied.
 */

const MINUTE = 60_000;
let reaper: LocalReaper | undefined;
afterEach(async () => reaper?.close());

const SURGE_STATE = 'instance-reaper:surge-state';
const iso = (time: number) => new Date(time).toISOString();

describe('the deployed bundle on the wire: launch before terminate in a real account', () => {
  it('a group of one whose new instance never turns healthy behind its load balancer keeps its old instance serving at every tick', async () => {
    let old = '';
    let targetGroup = '';
    reaper = await LocalReaper.start((account) => {
      targetGroup = account.addTargetGroup('solo');
      [old = ''] = seedGroup(account, 'solo', [40], { minSize: 1, maxSize: 2, targetGroupArns: [targetGroup] });
      account.setNewTargetHealth(targetGroup, 'unhealthy');
    });
    const { account } = reaper;
    const oldKeepsServing = () => {
      expect(account.group('solo').members.find((member) => member.instanceId === old)?.lifecycleState).toBe('InService');
      expect(account.targetHealth(targetGroup)[old]).toBe('healthy');
    };
    const start = Date.now();
    const reports: RunReport[] = [];

    for (const minutes of [0, 15, 30, 45, 61, 76]) {
      reports.push(await reaper.invoke(SCHEDULED_EVENT, { at: start + minutes * MINUTE }));
      oldKeepsServing();
      account.tick();
      oldKeepsServing();
    }

    expect(reports[0]?.surges.map((surge) => surge.action)).toEqual(['capacity-added']);
    expect(reports[2]?.deferred).toEqual([expect.objectContaining({ instanceId: old, why: 'targets-unhealthy' })]);
    const rollback = reports[4]?.surges.find((surge) => surge.action === 'rolled-back');
    expect(rollback?.instanceIds).toHaveLength(1);
    expect(rollback?.instanceIds).not.toContain(old);
    expect(account.mutatingCalls().filter((call) => call.action === 'SetDesiredCapacity').map((call) => call.params)).toEqual(
      [expect.objectContaining({ DesiredCapacity: 2 }), expect.objectContaining({ DesiredCapacity: 2 })],
    );
  });

  it('an instance tagged exempt during its surge is never removed: the capacity goes back by removing the added instance', async () => {
    let old = '';
    reaper = await LocalReaper.start((account) => {
      [old = ''] = seedGroup(account, 'solo', [40], { minSize: 1, maxSize: 2 });
    });
    const { account } = reaper;

    await reaper.invoke();
    account.tick();
    account.setInstanceTag(old, 'instance-reaper:exempt', 'true');
    const completing = await reaper.invoke();
    account.tick();

    expect(account.instance(old).state).toBe('running');
    expect(account.group('solo').members.map((member) => member.instanceId)).toEqual([old]);
    expect(completing.surges).toEqual([expect.objectContaining({ action: 'completed', instanceIds: [] })]);
    expect(completing.deferred).toEqual([expect.objectContaining({ instanceId: old, why: 'exempt' })]);
  });

  it('a surge completes only inside the maintenance window: outside it, neither completion nor rollback touches the group', async () => {
    const start = Date.now();
    const opens = new Date(start - 60 * MINUTE);
    const closes = new Date(start + 60 * MINUTE);
    const hhmm = (date: Date) => date.toISOString().slice(11, 16);
    const day = opens.toUTCString().slice(0, 3);
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'solo', [40], {
        minSize: 1,
        maxSize: 2,
        tags: { 'instance-reaper:window': `${day} ${hhmm(opens)}-${hhmm(closes)} UTC`, 'instance-reaper:grace-days': '30' },
      });
    });
    const { account } = reaper;

    const started = await reaper.invoke(SCHEDULED_EVENT, { at: start });
    account.tick();
    account.clearCalls();
    const outside = await reaper.invoke(SCHEDULED_EVENT, { at: start + 3 * 60 * MINUTE });

    expect(started.surges.map((surge) => surge.action)).toEqual(['capacity-added']);
    expect(reaper.mutatingCalls()).toEqual([]);
    expect(outside.deferred.map((entry) => entry.why)).toEqual(['outside-window']);
    expect(account.group('solo').desiredCapacity).toBe(2);
  });

  it('adds capacity from a fresh read of the group: a scale-out during the run (1 -> 3) is kept, not undone', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'solo', [40], { minSize: 1, maxSize: 5 });
      // Another tool scales out after the run has read the group and before it writes; its instances are in service by the write.
      account.onCall('DescribeInstanceRefreshes', (scaled) => {
        scaled.setDesiredCapacity('solo', 3);
        scaled.tick();
      });
    });

    const report = await reaper.invoke();

    expect(reaper.account.group('solo').desiredCapacity).toBe(4);
    expect(reaper.account.group('solo').tags[SURGE_STATE]).toMatch(/ desired=4 added=1 /);
    expect(report.surges).toEqual([expect.objectContaining({ action: 'capacity-added', desiredCapacity: 4 })]);
  });

  it('a scale-out still launching at the write: nothing is written (the group is moving), and the scale-out stands', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'solo', [40], { minSize: 1, maxSize: 5 });
      account.onCall('DescribeInstanceRefreshes', (scaled) => scaled.setDesiredCapacity('solo', 3));
    });

    const report = await reaper.invoke();

    expect(reaper.mutatingCalls()).toEqual([]);
    expect(reaper.account.group('solo').desiredCapacity).toBe(3);
    expect(report.deferred).toEqual([expect.objectContaining({ why: 'group-unstable' })]);
  });

  it('a forged surge-state tag (counts a run could not write) never takes anything: the group is left alone and reported', async () => {
    let ids: string[] = [];
    reaper = await LocalReaper.start((account) => {
      ids = seedGroup(account, 'web', [40, 39, 38, 37], { maxSize: 6 });
      account.setGroupTag('web', SURGE_STATE, `v1 at=${iso(Date.now() - 10 * MINUTE)} desired=4 added=3 ids=${ids.slice(0, 3).join(',')}`);
    });

    const report = await reaper.invoke();

    expect(reaper.mutatingCalls()).toEqual([]);
    expect(terminatedIds(report)).toEqual([]);
    expect(report.errors).toEqual([expect.objectContaining({ group: 'web', code: 'state-refused', message: expect.stringContaining('instance-reaper:surge-state') })]);
    expect(reaper.account.group('web').inService).toHaveLength(4);
  });

  it("a surge-state tag copied from another group (its instances are not members) is reported and the group left alone", async () => {
    let webIds: string[] = [];
    reaper = await LocalReaper.start((account) => {
      webIds = seedGroup(account, 'web', [3, 2], { maxSize: 4 });
      seedGroup(account, 'api', [40, 39], { maxSize: 4 });
      account.setGroupTag('api', SURGE_STATE, `v1 at=${iso(Date.now() - 10 * MINUTE)} desired=3 added=1 ids=${webIds[0] ?? ''}`);
    });

    const report = await reaper.invoke();

    expect(reaper.mutatingCalls()).toEqual([]);
    expect(report.errors).toEqual([expect.objectContaining({ group: 'api', code: 'state-refused', message: expect.stringContaining('not a member') })]);
  });
});
