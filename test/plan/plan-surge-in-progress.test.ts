import type { GroupGates } from '../../lambda/model/fleet';
import type { RunPolicy } from '../../lambda/model/run-policy';
import type { Plan } from '../../lambda/plan/plan';
import { formatSurgeState, parseSurgeState } from '../../lambda/plan/surge-state';
import { gatesFor, makeFleet, makePolicy, NOW, planFor, type GroupSpec, type InstanceSpec, type MemberSpec } from '../factories';

const SURGE = { 'instance-reaper:surge': 'true' };
const MINUTE = 60_000;
const whys = (plan: Plan) => plan.deferred.map((entry) => [entry.instanceId, entry.why]);

describe('launch before terminate: starting a surge', () => {
  it('a group of desired 1 terminates nothing: it writes the surge tag, adds one instance and defers surge-pending', () => {
    const { plan } = planFor(makeFleet([{ group: { name: 'solo', desired: 1, max: 2 }, instances: [{ id: 'i-1', ageDays: 40 }] }]));

    expect(plan.terminations).toEqual([]);
    expect(plan.deferred).toEqual([{ instanceId: 'i-1', group: 'solo', reasons: ['max-age'], why: 'surge-pending' }]);
    expect(plan.capacityChanges).toEqual([
      {
        group: 'solo',
        action: 'capacity-added',
        desiredCapacity: 2,
        fromDesiredCapacity: 1,
        instanceIds: ['i-1'],
        surgeTag: `v1 at=2026-11-24T12:00:00.000Z desired=2 added=1 ids=i-1`,
        setDesiredCapacity: true,
      },
    ]);
  });

  it.each<[string, GroupSpec]>([
    ['tag instance-reaper:surge=true', { tags: SURGE }],
    ['tag instance-reaper:surge=True (case-insensitive)', { tags: { 'instance-reaper:surge': 'True' } }],
    ['maintenance policy MaxHealthyPercentage 110', { maxHealthyPercentage: 110 }],
    ['maintenance policy MaxHealthyPercentage 200', { maxHealthyPercentage: 200 }],
  ])('a group of 3 with %s surges too', (_title, group) => {
    const { plan } = planFor(makeFleet([{ group: { desired: 3, ...group }, instances: [{ id: 'i-1', ageDays: 40 }, { id: 'i-2' }, { id: 'i-3' }] }]));
    expect(plan.terminations).toEqual([]);
    expect(plan.capacityChanges.map((change) => [change.action, change.desiredCapacity])).toEqual([['capacity-added', 4]]);
  });

  it.each<[string, GroupSpec]>([
    ['MaxHealthyPercentage 100', { maxHealthyPercentage: 100 }],
    ['tag instance-reaper:surge=false', { tags: { 'instance-reaper:surge': 'false' } }],
  ])('a group of 3 with %s terminates directly', (_title, group) => {
    const { plan } = planFor(makeFleet([{ group: { desired: 3, ...group }, instances: [{ id: 'i-1', ageDays: 40 }, { id: 'i-2' }, { id: 'i-3' }] }]));
    expect(plan.terminations.map((entry) => [entry.instanceId, entry.decrementDesiredCapacity])).toEqual([['i-1', false]]);
    expect(plan.capacityChanges).toEqual([]);
  });

  it.each<[string, number, number, number, string[][]]>([
    ['MaxSize reached (desired 1 = max 1): no-headroom, nothing added', 1, 1, 1, [['i-0', 'no-headroom']]],
    ['budget 3, headroom for 2: two surge, the third no-headroom', 3, 5, 3, [['i-0', 'surge-pending'], ['i-1', 'surge-pending'], ['i-2', 'no-headroom']]],
    ['budget 1, headroom for 2: one surges, the next group-budget', 3, 5, 1, [['i-0', 'surge-pending'], ['i-1', 'group-budget'], ['i-2', 'group-budget']]],
    ['budget 1, headroom for 1: one surges, the next no-headroom (before group-budget, which holds too)', 3, 4, 1, [['i-0', 'surge-pending'], ['i-1', 'no-headroom'], ['i-2', 'no-headroom']]],
  ])('%s', (_title, desired, max, budget, expected) => {
    const instances: InstanceSpec[] = Array.from({ length: desired }, (_, index) => ({ id: `i-${index}`, ageDays: 50 - index }));
    const snapshot = makeFleet([{ group: { desired, max, tags: SURGE }, instances }]);
    const { plan } = planFor(snapshot, makePolicy({ defaultGroupBudget: { kind: 'count', value: budget } }));
    expect(whys(plan)).toEqual(expected);
    const added = expected.filter(([, why]) => why === 'surge-pending').length;
    expect(plan.capacityChanges.map((change) => change.desiredCapacity)).toEqual(added > 0 ? [desired + added] : []);
    expect(plan.terminations).toEqual([]);
  });

  it('the surge uses the run budget', () => {
    const snapshot = makeFleet([
      { group: { name: 'solo', desired: 1 }, instances: [{ id: 'i-solo', ageDays: 60 }] },
      { group: { name: 'web', desired: 2 }, instances: [{ id: 'i-web', ageDays: 50 }, { id: 'i-2' }] },
    ]);
    const { plan } = planFor(snapshot, makePolicy({ maxTerminations: 1 }));
    expect(whys(plan)).toEqual([['i-solo', 'surge-pending'], ['i-web', 'run-budget']]);
  });
});

interface Surging {
  readonly members?: readonly MemberSpec[];
  readonly desired?: number;
  readonly tag?: string;
  readonly startedMinutesAgo?: number;
  readonly gates?: Partial<GroupGates>;
  readonly group?: GroupSpec;
  readonly policy?: Partial<RunPolicy>;
  readonly oldTags?: Record<string, string>;
}

/** A group of 1 (i-old, 40 days) that a previous run surged to 2 by adding i-new. */
function planSurging({ members, desired = 2, tag, startedMinutesAgo = 10, gates = {}, group = {}, policy = {}, oldTags = {} }: Surging): Plan {
  const state = tag ?? formatSurgeState({ startedAt: NOW - startedMinutesAgo * MINUTE, desiredCapacity: 2, added: 1, instanceIds: ['i-old'] });
  const snapshot = makeFleet([
    {
      group: { name: 'solo', desired, min: 1, max: 2, members: members ?? [{ id: 'i-old' }, { id: 'i-new' }], ...group, tags: { 'instance-reaper:surge-state': state, ...group.tags } },
      instances: [{ id: 'i-old', ageDays: 40, tags: oldTags }, { id: 'i-new', ageDays: 0.01 }],
    },
  ]);
  return planFor(snapshot, makePolicy(policy), { gates: gatesFor(snapshot, { solo: gates }) }).plan;
}

describe('launch before terminate: a surge in progress', () => {
  it('ready (stable, desired >= recorded): terminates the recorded instance with decrement and completes the surge', () => {
    const plan = planSurging({});
    expect(plan.terminations).toEqual([{ instanceId: 'i-old', group: 'solo', reasons: ['max-age'], decrementDesiredCapacity: true }]);
    expect(plan.deferred).toEqual([]);
    expect(plan.capacityChanges).toEqual([
      { group: 'solo', action: 'completed', desiredCapacity: 1, fromDesiredCapacity: 2, instanceIds: ['i-old'], surgeTag: null, setDesiredCapacity: true },
    ]);
    expect(plan.errors).toEqual([]);
  });

  it('ready with desired above recorded (a scale-out since): still gives back only what it added', () => {
    const plan = planSurging({ desired: 3, members: [{ id: 'i-old' }, { id: 'i-new' }, { id: 'i-other' }], group: { max: 4 } });
    expect(plan.capacityChanges.map((change) => [change.action, change.desiredCapacity])).toEqual([['completed', 2]]);
  });

  it.each<[string, Surging, string]>([
    ['the new instance still Pending', { members: [{ id: 'i-old' }, { id: 'i-new', lifecycleState: 'Pending' }] }, 'surge-pending'],
    ['the new instance InService but Unhealthy', { members: [{ id: 'i-old' }, { id: 'i-new', healthStatus: 'Unhealthy' }] }, 'surge-pending'],
    ['desired fell below the recorded 2 (scaled in meanwhile)', { desired: 1, members: [{ id: 'i-old' }] }, 'surge-pending'],
    ['instance refresh active', { gates: { instanceRefreshActive: true } }, 'surge-pending'],
    ['Launch suspended', { group: { suspended: ['Launch'] } }, 'processes-suspended'],
    ['an alarm in ALARM', { gates: { alarmsHolding: ['x'] } }, 'alarm'],
    ['targets unhealthy', { gates: { unhealthyTargets: ['i-new'] } }, 'targets-unhealthy'],
    ['run budget of 0', { policy: { maxTerminations: 0 } }, 'run-budget'],
    ['the recorded instance is now exempt', { oldTags: { 'instance-reaper:exempt': 'true' }, gates: { instanceRefreshActive: true } }, 'exempt'],
  ])('not ready (%s): terminates nothing, changes nothing, defers', (_title, surging, why) => {
    const plan = planSurging(surging);
    expect(plan.terminations).toEqual([]);
    expect(plan.capacityChanges).toEqual([]);
    expect(whys(plan)).toEqual([['i-old', why]]);
  });

  it('ready but the recorded instance is now protected: it is kept, and the added capacity is given back', () => {
    const plan = planSurging({ members: [{ id: 'i-old', protectedFromScaleIn: true }, { id: 'i-new' }] });
    expect(plan.terminations).toEqual([]);
    expect(whys(plan)).toEqual([['i-old', 'protected']]);
    expect(plan.capacityChanges).toEqual([expect.objectContaining({ action: 'completed', desiredCapacity: 1, instanceIds: [] })]);
  });

  it('a due instance not recorded in the surge waits surge-pending', () => {
    const snapshot = makeFleet([
      {
        group: { name: 'web', desired: 3, max: 4, tags: { 'instance-reaper:surge-state': formatSurgeState({ startedAt: NOW - MINUTE, desiredCapacity: 3, added: 1, instanceIds: ['i-a'] }) } },
        instances: [{ id: 'i-a', ageDays: 40 }, { id: 'i-b', ageDays: 35 }, { id: 'i-new', ageDays: 0.001 }],
      },
    ]);
    const { plan } = planFor(snapshot);
    expect(plan.terminations.map((entry) => entry.instanceId)).toEqual(['i-a']);
    expect(whys(plan)).toEqual([['i-b', 'surge-pending']]);
  });

  it.each<[string, Surging, boolean, number]>([
    ['timed out (61 minutes, timeout 60), new instance still Pending: gives back the added instance', { startedMinutesAgo: 61, members: [{ id: 'i-old' }, { id: 'i-new', lifecycleState: 'Pending' }] }, true, 1],
    ['timed out, desired fell to 1: only deletes the tag', { startedMinutesAgo: 61, desired: 1, members: [{ id: 'i-old' }] }, false, 1],
    ['timed out while an alarm holds: gives back the added instance', { startedMinutesAgo: 61, gates: { alarmsHolding: ['x'] } }, true, 1],
    ['timed out with a run budget of 0: gives back the added instance', { startedMinutesAgo: 61, policy: { maxTerminations: 0 } }, true, 1],
    ['the configured timeout (15) applies: 20 minutes, not ready', { startedMinutesAgo: 20, policy: { surgeTimeoutMinutes: 15 }, gates: { instanceRefreshActive: true } }, true, 1],
  ])('%s', (_title, surging, setDesiredCapacity, desiredCapacity) => {
    const plan = planSurging(surging);
    const fromDesiredCapacity = surging.desired ?? 2;
    expect(plan.terminations).toEqual([]);
    expect(plan.capacityChanges).toEqual([
      { group: 'solo', action: 'rolled-back', desiredCapacity, fromDesiredCapacity, instanceIds: ['i-old'], surgeTag: null, setDesiredCapacity },
    ]);
    expect(plan.errors).toEqual([{ group: 'solo', message: expect.stringContaining('rolled back') }]);
    expect(whys(plan)).toEqual([['i-old', 'surge-pending']]);
  });

  it.each([
    ['exactly at the timeout (60 minutes)', 60],
    ['past the timeout (a day later, e.g. a daily schedule)', 24 * 60],
  ])('ready %s: completes rather than rolling back', (_title, minutes) => {
    const plan = planSurging({ startedMinutesAgo: minutes });
    expect(plan.capacityChanges.map((change) => change.action)).toEqual(['completed']);
    expect(plan.terminations.map((entry) => entry.instanceId)).toEqual(['i-old']);
    expect(plan.errors).toEqual([]);
  });

  it.each(['garbage', 'v1 at=yesterday desired=2 added=1 ids=i-old', 'v1 at=2026-11-24T11:00:00Z desired=two added=1 ids=i-old', ''])(
    'a malformed surge-state tag %p is an error and the group is left alone; others go on',
    (tag) => {
      const snapshot = makeFleet([
        { group: { name: 'solo', desired: 2, tags: { 'instance-reaper:surge-state': tag } }, instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-new' }] },
        { group: { name: 'web', desired: 2 }, instances: [{ id: 'i-web', ageDays: 40 }, { id: 'i-2' }] },
      ]);
      const { plan } = planFor(snapshot);
      expect(plan.errors).toEqual([{ group: 'solo', message: expect.stringContaining('instance-reaper:surge-state') }]);
      expect(plan.terminations.map((entry) => entry.instanceId)).toEqual(['i-web']);
      expect(plan.capacityChanges).toEqual([]);
      expect(plan.deferred).toEqual([]);
    },
  );
});

describe('surge state tag', () => {
  it('round-trips through the tag value', () => {
    const state = { startedAt: NOW, desiredCapacity: 12, added: 3, instanceIds: ['i-0123456789abcdef0', 'i-0123456789abcdef1', 'i-2'] };
    expect(parseSurgeState(formatSurgeState(state))).toEqual(state);
  });

  it('ten 19-character instance IDs fit in the 256-character tag value', () => {
    const instanceIds = Array.from({ length: 10 }, (_, index) => `i-0123456789abcdef${index}`);
    expect(formatSurgeState({ startedAt: NOW, desiredCapacity: 999, added: 10, instanceIds }).length).toBeLessThanOrEqual(256);
  });

  it('a surge group never adds more than ten instances in one run', () => {
    const instances: InstanceSpec[] = Array.from({ length: 12 }, (_, index) => ({ id: `i-${index}`, ageDays: 40 + index }));
    const snapshot = makeFleet([{ group: { desired: 12, max: 30, tags: SURGE }, instances }]);
    const { plan } = planFor(snapshot, makePolicy({ defaultGroupBudget: { kind: 'count', value: 12 } }));
    expect(plan.capacityChanges.map((change) => [change.desiredCapacity, change.instanceIds.length])).toEqual([[22, 10]]);
    expect(plan.deferred.filter((entry) => entry.why === 'group-budget')).toHaveLength(2);
  });
});
