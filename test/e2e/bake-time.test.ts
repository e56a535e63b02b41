import { DAY_MS, LocalReaper, SCHEDULED_EVENT, seedGroup, terminatedIds } from './local-reaper';

/*
 * Bake time (contract section 7) on the wire, against the synthesized bundle: after a replacement, a group's next
 * termination waits until the instances it launched last have served for the group's bake time.
 */

let reaper: LocalReaper | undefined;
afterEach(async () => reaper?.close());

const MINUTE = 60_000;
const BAKE_30 = { 'instance-reaper:bake-minutes': '30' };

describe('bake time', () => {
  it.each<[string, number, 'baking' | 'terminated']>([
    ['10 minutes ago: its next due instance waits, baking', 10, 'baking'],
    ['40 minutes ago: its next due instance is terminated', 40, 'terminated'],
  ])('a group with bake-minutes=30 whose replacement launched %s', async (_title, replacedMinutesAgo, expected) => {
    let old = '';
    reaper = await LocalReaper.start((account) => {
      [old = ''] = seedGroup(account, 'web', [40, 20, replacedMinutesAgo * MINUTE / DAY_MS], { tags: BAKE_30 });
    });

    const report = await reaper.invoke(SCHEDULED_EVENT);

    if (expected === 'terminated') {
      expect(terminatedIds(report)).toEqual([old]);
      expect(report.deferred).toEqual([]);
    } else {
      expect(reaper.mutatingCalls()).toEqual([]);
      expect(report.terminated).toEqual([]);
      expect(report.deferred).toEqual([{ instanceId: old, group: 'web', reasons: ['max-age'], why: 'baking' }]);
    }
  });

  it("counts from the end of the group's own launch, by its DefaultInstanceWarmup when nothing else is set", async () => {
    let first = '';
    let second = '';
    reaper = await LocalReaper.start((account) => {
      [first = '', second = ''] = seedGroup(account, 'web', [41, 40, 20], { defaultInstanceWarmup: 1800 });
    });
    const start = Date.now();

    const replaced = await reaper.invoke(SCHEDULED_EVENT, { at: start });
    // The group launches the replacement; its launch activity ends when it is InService.
    reaper.account.tick();
    const soon = await reaper.invoke(SCHEDULED_EVENT, { at: start + 5 * MINUTE });
    const baked = await reaper.invoke(SCHEDULED_EVENT, { at: start + 36 * MINUTE });

    expect(terminatedIds(replaced)).toEqual([first]);
    expect(soon.terminated).toEqual([]);
    expect(soon.deferred).toEqual([expect.objectContaining({ instanceId: second, why: 'baking' })]);
    expect(terminatedIds(baked)).toEqual([second]);
  });

  it('counts from when the launch activity ended (InService), not from the LaunchTime, when it ended later', async () => {
    let first = '';
    let second = '';
    reaper = await LocalReaper.start((account) => {
      [first = '', second = ''] = seedGroup(account, 'web', [41, 40, 20], { tags: BAKE_30 });
    });
    const start = Date.now();
    expect(terminatedIds(await reaper.invoke(SCHEDULED_EVENT, { at: start }))).toEqual([first]);
    reaper.account.tick();
    // As a launch lifecycle hook would: the replacement launched at `start` but went InService 20 minutes later.
    const launch = reaper.account.state.activities.find((activity) => activity.description.startsWith('Launching a new EC2 instance:'));
    if (!launch) throw new Error('the group launched no replacement');
    launch.endTime = start + 20 * MINUTE;

    // 36 minutes after the LaunchTime, 16 after it went InService: still baking; 51 after, baked.
    const baking = await reaper.invoke(SCHEDULED_EVENT, { at: start + 36 * MINUTE });
    const baked = await reaper.invoke(SCHEDULED_EVENT, { at: start + 51 * MINUTE });

    expect(baking.deferred).toEqual([expect.objectContaining({ instanceId: second, why: 'baking' })]);
    expect(terminatedIds(baked)).toEqual([second]);
  });
});
