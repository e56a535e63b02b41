import type { GroupGates, GroupSnapshot } from '../../lambda/model/fleet';
import { guardAtWrite } from '../../lambda/plan/guard-at-write';
import type { DeferralReason } from '../../lambda/model/reasons';
import type { RunPolicy } from '../../lambda/model/run-policy';
import type { Plan } from '../../lambda/plan/plan';
import { formatSurgeState } from '../../lambda/policy/surge-state';
import { gatesFor, makeFleet, makeGroup, makePolicy, NOW, planFor, type GroupSpec, type MemberSpec } from '../factories';

/*
 * Bake time (contract section 7): after a replacement, the group's next termination (or a surge's completion) waits until
 * the instances it launched last have served for the bake time, with why `baking`, right after `group-unstable`.
 */

const MINUTE = 60_000;
const minutesInDays = (minutes: number) => minutes / (24 * 60);
const BAKE_30 = { 'instance-reaper:bake-minutes': '30' };
const whyOf = (plan: Plan, instanceId: string) => plan.deferred.find((entry) => entry.instanceId === instanceId)?.why;
const terminatedIds = (plan: Plan) => plan.terminations.map((entry) => entry.instanceId);

interface Replaced {
  /** Minutes ago the replacement i-new launched (its LaunchTime). */
  readonly launchedMinutesAgo: number;
  readonly tags?: Record<string, string>;
  readonly policy?: Partial<RunPolicy>;
  readonly gates?: Partial<GroupGates>;
  readonly group?: GroupSpec;
  readonly members?: readonly (MemberSpec | string)[];
}

/** A group of 3: i-old (40 days, due), i-mid (10 days) and i-new, the replacement of an earlier run. */
function planReplaced({ launchedMinutesAgo, tags = BAKE_30, policy = {}, gates = {}, group = {}, members }: Replaced): Plan {
  const snapshot = makeFleet([
    {
      group: { name: 'web', ...group, tags: { ...tags, ...group.tags }, ...(members ? { members } : {}) },
      instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-mid', ageDays: 10 }, { id: 'i-new', ageDays: minutesInDays(launchedMinutesAgo) }],
    },
  ]);
  return planFor(snapshot, makePolicy(policy), { gates: gatesFor(snapshot, { web: gates }) }).plan;
}

describe('bake time: the boundary', () => {
  it.each<[string, number, 'terminated' | DeferralReason]>([
    ['launched 1 minute ago: baking', 1, 'baking'],
    ['launched bake - 1 (29) minutes ago: baking', 29, 'baking'],
    ['launched exactly bake (30) minutes ago: baked, the next one goes', 30, 'terminated'],
    ['launched 40 minutes ago: baked', 40, 'terminated'],
  ])('bake 30, the replacement %s', (_title, launchedMinutesAgo, expected) => {
    const plan = planReplaced({ launchedMinutesAgo });
    if (expected === 'terminated') expect(terminatedIds(plan)).toEqual(['i-old']);
    else {
      expect(terminatedIds(plan)).toEqual([]);
      expect(whyOf(plan, 'i-old')).toBe(expected);
    }
  });

  it('bake 0 (nothing set): a replacement launched a minute ago holds nothing', () => {
    expect(terminatedIds(planReplaced({ launchedMinutesAgo: 1, tags: {} }))).toEqual(['i-old']);
  });

  it.each<[string, Partial<RunPolicy>, number | undefined]>([
    ['the configured default', { defaultBakeMinutes: 30 }, undefined],
    ["the group's DefaultInstanceWarmup (1800 s)", {}, 1800],
  ])('a bake time from %s holds the same', (_title, policy, warmupSeconds) => {
    const snapshot = makeFleet([{ group: { name: 'web' }, instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-mid', ageDays: 10 }, { id: 'i-new', ageDays: minutesInDays(10) }] }]);
    const warmed = { ...snapshot, groups: snapshot.groups.map((group) => ({ ...group, defaultInstanceWarmup: warmupSeconds })) };
    const { plan } = planFor(warmed, makePolicy(policy), { gates: gatesFor(warmed) });
    expect(whyOf(plan, 'i-old')).toBe('baking');
  });

  it('counts from when the launch activity ended, when that is later than the LaunchTime', () => {
    // Launched 40 minutes ago, but InService (its launch activity ended) only 10 minutes ago: it has served 10 minutes.
    const plan = planReplaced({ launchedMinutesAgo: 40, gates: { launchesEnded: new Map([['i-new', NOW - 10 * MINUTE]]) } });
    expect(whyOf(plan, 'i-old')).toBe('baking');
  });

  it('an InService member whose launch time is unknown (EC2 did not describe it) holds the group: it may have just launched', () => {
    const snapshot = makeFleet([
      { group: { name: 'web', tags: BAKE_30, members: ['i-old', 'i-mid', 'i-ghost'] }, instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-mid', ageDays: 10 }] },
    ]);
    expect(whyOf(planFor(snapshot).plan, 'i-old')).toBe('baking');
  });

  it('an emergency waits for the bake too (like alarm and target health, it is a safety hold, not a window)', () => {
    const plan = planReplaced({ launchedMinutesAgo: 10, policy: { targetedInstanceIds: ['i-old'] } });
    expect(whyOf(plan, 'i-old')).toBe('baking');
  });
});

describe('bake time: precedence (contract section 5: ... group-unstable, baking, alarm, targets-unhealthy ...)', () => {
  it.each<[string, Replaced, DeferralReason]>([
    ['an instance refresh (group-unstable) comes first', { launchedMinutesAgo: 10, gates: { instanceRefreshActive: true } }, 'group-unstable'],
    ['a Pending member (group-unstable) comes first', { launchedMinutesAgo: 10, members: ['i-old', 'i-mid', 'i-new', { id: 'i-next', lifecycleState: 'Pending' }], group: { desired: 3 } }, 'group-unstable'],
    ['Launch suspended (processes-suspended) comes first', { launchedMinutesAgo: 10, group: { suspended: ['Launch'] } }, 'processes-suspended'],
    ['cannot-replace comes first', { launchedMinutesAgo: 10, gates: { cannotReplace: { code: 'cannot-replace', why: 'its latest launch failed' } } }, 'cannot-replace'],
    ['baking comes before an alarm', { launchedMinutesAgo: 10, gates: { alarmsHolding: ['api-5xx'] } }, 'baking'],
    ['baking comes before unhealthy targets', { launchedMinutesAgo: 10, gates: { unhealthyTargets: ['i-new'] } }, 'baking'],
    ['baking comes before a closed window', { launchedMinutesAgo: 10, group: { tags: { 'instance-reaper:window': 'Sat 01:00-02:00 UTC' } } }, 'baking'],
    ['baked: the alarm holds again', { launchedMinutesAgo: 40, gates: { alarmsHolding: ['api-5xx'] } }, 'alarm'],
  ])('%s', (_title, replaced, expected) => {
    expect(whyOf(planReplaced(replaced), 'i-old')).toBe(expected);
  });

  it('is judged with the gates: a group whose gates are unread is not called baking before they are', () => {
    const snapshot = makeFleet([{ group: { name: 'web', tags: BAKE_30 }, instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-mid', ageDays: 10 }, { id: 'i-new', ageDays: minutesInDays(10) }] }]);
    const { plan } = planFor(snapshot, makePolicy(), { gates: new Map() });
    expect(plan.gatesWanted).toEqual(['web']);
  });
});

describe('bake time: a surge waits the same before completing', () => {
  /** A group of 1 (i-old, 40 days) that a run surged to 2 `startedMinutesAgo`; i-new launched a minute after. */
  function planSurging(startedMinutesAgo: number, tags: Record<string, string> = BAKE_30, policy: Partial<RunPolicy> = {}): Plan {
    const state = formatSurgeState({ startedAt: NOW - startedMinutesAgo * MINUTE, desiredCapacity: 2, added: 1, addedUnits: 1, instanceIds: ['i-old'] });
    const snapshot = makeFleet([
      {
        group: { name: 'solo', desired: 2, min: 1, max: 2, tags: { 'instance-reaper:surge-state': state, ...tags } },
        instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-new', ageDays: minutesInDays(startedMinutesAgo - 1) }],
      },
    ]);
    return planFor(snapshot, makePolicy(policy)).plan;
  }

  it('the added instance InService and healthy for 9 minutes of 30: nothing terminated, the old one waits baking', () => {
    const plan = planSurging(10);
    expect(plan.terminations).toEqual([]);
    expect(plan.surgeSteps).toEqual([]);
    expect(plan.deferred).toEqual([{ instanceId: 'i-old', group: 'solo', reasons: ['max-age'], why: 'baking' }]);
  });

  it('the added instance served the bake time (30 minutes): the surge completes', () => {
    const plan = planSurging(31);
    expect(terminatedIds(plan)).toEqual(['i-old']);
    expect(plan.surgeSteps.map((step) => step.action)).toEqual(['completed']);
  });

  it('baking past the surge timeout is not a surge that failed: it waits, nothing is rolled back', () => {
    // Timeout 60 minutes, bake 90: the added instance became healthy, it is only still baking.
    const plan = planSurging(61, { 'instance-reaper:bake-minutes': '90' });
    expect(plan.surgeSteps).toEqual([]);
    expect(plan.errors).toEqual([]);
    expect(whyOf(plan, 'i-old')).toBe('baking');
  });

  it('a surge that never became healthy is still rolled back at its timeout, bake or not', () => {
    const state = formatSurgeState({ startedAt: NOW - 61 * MINUTE, desiredCapacity: 2, added: 1, addedUnits: 1, instanceIds: ['i-old'] });
    const snapshot = makeFleet([
      { group: { name: 'solo', desired: 2, min: 1, max: 2, tags: { 'instance-reaper:surge-state': state, ...BAKE_30 } }, instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-new', ageDays: minutesInDays(60) }] },
    ]);
    const { plan } = planFor(snapshot, makePolicy(), { gates: gatesFor(snapshot, { solo: { unhealthyTargets: ['i-new'] } }) });
    expect(plan.surgeSteps.map((step) => [step.action, step.removeAdded])).toEqual([['rolled-back', ['i-new']]]);
  });

  it('a group baking starts no new surge either', () => {
    const snapshot = makeFleet([{ group: { name: 'solo', desired: 1, max: 2, tags: BAKE_30 }, instances: [{ id: 'i-1', ageDays: minutesInDays(10) }] }]);
    const { plan } = planFor(snapshot, makePolicy({ targetedInstanceIds: ['i-1'] }));
    expect(plan.surgeSteps).toEqual([]);
    expect(whyOf(plan, 'i-1')).toBe('baking');
  });
});

describe('bake time at the write: the guard never undoes it', () => {
  /** Plans on a group whose replacement launched `launchedMinutesAgo`, then guards the plan against `fresh`. */
  function guarded(launchedMinutesAgo: number, fresh: (planned: GroupSnapshot) => GroupSnapshot) {
    const snapshot = makeFleet([{ group: { name: 'web', tags: BAKE_30 }, instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-new', ageDays: minutesInDays(launchedMinutesAgo) }] }]);
    const { plan, evaluation } = planFor(snapshot);
    const gates = gatesFor(snapshot);
    return { plan, guarded: guardAtWrite({ plan, evaluation, gates, fresh: new Map([['web', fresh(snapshot.groups[0] as GroupSnapshot)]]) }) };
  }

  it('a scale-out that went InService during the run (a member the plan did not know) makes the group bake: nothing goes', () => {
    const { plan, guarded: after } = guarded(40, () => makeGroup({ name: 'web', desired: 3, tags: BAKE_30, members: ['i-old', 'i-new', 'i-scaled-out'] }));
    expect(terminatedIds(plan)).toEqual(['i-old']);
    expect(terminatedIds(after)).toEqual([]);
    expect(whyOf(after, 'i-old')).toBe('baking');
  });

  it('a group that was baking when planned stays baking whatever the fresh read says', () => {
    const { guarded: after } = guarded(10, (planned) => planned);
    expect(terminatedIds(after)).toEqual([]);
    expect(whyOf(after, 'i-old')).toBe('baking');
  });

  it('without a bake time, the same scale-out keeps the plan (as before bake time existed)', () => {
    const snapshot = makeFleet([{ group: { name: 'web' }, instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-new', ageDays: minutesInDays(40) }] }]);
    const { plan, evaluation } = planFor(snapshot);
    const fresh = makeGroup({ name: 'web', desired: 3, members: ['i-old', 'i-new', 'i-scaled-out'] });
    expect(terminatedIds(guardAtWrite({ plan, evaluation, gates: gatesFor(snapshot), fresh: new Map([['web', fresh]]) }))).toEqual(['i-old']);
  });
});
