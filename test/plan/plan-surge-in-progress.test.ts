import type { GroupGates } from '../../lambda/model/fleet';
import type { RunPolicy } from '../../lambda/model/run-policy';
import type { Plan, SurgeStep } from '../../lambda/plan/plan';
import { formatSurgeState, parseSurgeState } from '../../lambda/policy/surge-state';
import { gatesFor, makeFleet, makeInstance, makePolicy, NOW, planFor, type GroupSpec, type InstanceSpec, type MemberSpec } from '../factories';

const SURGE = { 'instance-reaper:surge': 'true' };
const MINUTE = 60_000;
const whys = (plan: Plan) => plan.deferred.map((entry) => [entry.instanceId, entry.why]);

describe('launch before terminate: starting a surge', () => {
  it('a group of desired 1 terminates nothing: it writes the surge tag, adds one instance and defers surge-pending', () => {
    const { plan } = planFor(makeFleet([{ group: { name: 'solo', desired: 1, max: 2 }, instances: [{ id: 'i-1', ageDays: 40 }] }]));

    expect(plan.terminations).toEqual([]);
    expect(plan.deferred).toEqual([{ instanceId: 'i-1', group: 'solo', reasons: ['max-age'], why: 'surge-pending' }]);
    expect(plan.surgeSteps).toEqual([
      { group: 'solo', action: 'capacity-added', desiredCapacity: 2, instanceIds: ['i-1'], startedAt: NOW, recordedDesiredCapacity: 2, removeAdded: [], weights: { 'i-1': 1 } },
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
    expect(plan.surgeSteps.map((step) => [step.action, step.desiredCapacity])).toEqual([['capacity-added', 4]]);
  });

  it.each<[string, GroupSpec]>([
    ['MaxHealthyPercentage 100', { maxHealthyPercentage: 100 }],
    ['tag instance-reaper:surge=false', { tags: { 'instance-reaper:surge': 'false' } }],
  ])('a group of 3 with %s terminates directly', (_title, group) => {
    const { plan } = planFor(makeFleet([{ group: { desired: 3, ...group }, instances: [{ id: 'i-1', ageDays: 40 }, { id: 'i-2' }, { id: 'i-3' }] }]));
    expect(plan.terminations.map((entry) => [entry.instanceId, entry.decrementDesiredCapacity])).toEqual([['i-1', false]]);
    expect(plan.surgeSteps).toEqual([]);
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
    expect(plan.surgeSteps.map((step) => step.desiredCapacity)).toEqual(added > 0 ? [desired + added] : []);
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
  readonly newTags?: Record<string, string>;
  readonly now?: number;
}

/** A group of 1 (i-old, 40 days) that a previous run surged to 2; i-new launched a minute after the surge started. */
function planSurging({ members, desired = 2, tag, startedMinutesAgo = 10, gates = {}, group = {}, policy = {}, oldTags = {}, newTags = {}, now = NOW }: Surging): Plan {
  const state = tag ?? formatSurgeState({ startedAt: now - startedMinutesAgo * MINUTE, desiredCapacity: 2, added: 1, addedUnits: 1, instanceIds: ['i-old'] });
  const snapshot = makeFleet([
    {
      group: { name: 'solo', desired, min: 1, max: 2, members: members ?? [{ id: 'i-old' }, { id: 'i-new' }], ...group, tags: { 'instance-reaper:surge-state': state, ...group.tags } },
      // An instance that is no member any more is gone from EC2 too (a scale-in terminated it).
      instances: [
        { id: 'i-old', ageDays: 40 + (NOW - now) / 86_400_000, tags: oldTags },
        { id: 'i-new', ageDays: (startedMinutesAgo - 1) / (24 * 60) + (NOW - now) / 86_400_000, tags: newTags },
      ].filter((instance) => (members ?? [{ id: 'i-old' }, { id: 'i-new' }]).some((member) => member.id === instance.id)),
    },
  ]);
  return planFor(snapshot, makePolicy(policy), { gates: gatesFor(snapshot, { solo: gates }), now }).plan;
}

const completed = (extra: Partial<SurgeStep> = {}): SurgeStep => ({
  group: 'solo',
  action: 'completed',
  desiredCapacity: 1,
  instanceIds: ['i-old'],
  startedAt: NOW - 10 * MINUTE,
  recordedDesiredCapacity: 2,
  removeAdded: [],
  weights: { 'i-old': 1 },
  ...extra,
});

describe('launch before terminate: completing a surge', () => {
  it('ready (stable, its capacity still added): terminates the recorded instance by ID with decrement', () => {
    const plan = planSurging({});
    expect(plan.terminations).toEqual([{ instanceId: 'i-old', group: 'solo', reasons: ['max-age'], decrementDesiredCapacity: true, units: 1 }]);
    expect(plan.deferred).toEqual([]);
    expect(plan.surgeSteps).toEqual([completed()]);
    expect(plan.errors).toEqual([]);
  });

  it('ready with desired above recorded (a scale-out since): still gives back only what it added', () => {
    const plan = planSurging({ desired: 3, members: [{ id: 'i-old' }, { id: 'i-new' }, { id: 'i-other' }], group: { max: 4 } });
    expect(plan.surgeSteps.map((step) => [step.action, step.desiredCapacity, step.instanceIds])).toEqual([['completed', 2, ['i-old']]]);
  });

  it.each<[string, Surging, string]>([
    ['the new instance still Pending', { members: [{ id: 'i-old' }, { id: 'i-new', lifecycleState: 'Pending' }] }, 'surge-pending'],
    ['the new instance InService but Unhealthy', { members: [{ id: 'i-old' }, { id: 'i-new', healthStatus: 'Unhealthy' }] }, 'surge-pending'],
    ['instance refresh active', { gates: { instanceRefreshActive: true } }, 'surge-pending'],
    ['Launch suspended', { group: { suspended: ['Launch'] } }, 'processes-suspended'],
    ['an alarm in ALARM', { gates: { alarmsHolding: ['x'] } }, 'alarm'],
    ['the new instance not healthy behind the load balancer', { gates: { unhealthyTargets: ['i-new'] } }, 'targets-unhealthy'],
    ['run budget of 0', { policy: { maxTerminations: 0 } }, 'run-budget'],
    ['outside the maintenance window', { group: { tags: { 'instance-reaper:window': 'Sat 02:00-04:00 UTC', 'instance-reaper:grace-days': '30' } } }, 'outside-window'],
    ['the recorded instance is now exempt, and the group unstable', { oldTags: { 'instance-reaper:exempt': 'true' }, gates: { instanceRefreshActive: true } }, 'exempt'],
  ])('not ready (%s): terminates nothing, changes nothing, defers', (_title, surging, why) => {
    const plan = planSurging(surging);
    expect(plan.terminations).toEqual([]);
    expect(plan.surgeSteps).toEqual([]);
    expect(whys(plan)).toEqual([['i-old', why]]);
  });

  it('a group that cannot launch replacements still completes: completing needs no launch', () => {
    const plan = planSurging({ gates: { cannotReplace: { code: 'cannot-replace', why: 'its latest launch failed' } } });
    expect(plan.surgeSteps.map((step) => step.action)).toEqual(['completed']);
  });

  it.each<[string, Surging]>([
    ['now protected from scale-in', { members: [{ id: 'i-old', protectedFromScaleIn: true }, { id: 'i-new' }] }],
    ['now tagged exempt', { oldTags: { 'instance-reaper:exempt': 'TRUE' } }],
  ])('ready but the recorded instance is %s: it is kept, and the capacity is given back by removing the added instance by ID', (_title, surging) => {
    const plan = planSurging(surging);
    expect(plan.terminations).toEqual([]);
    expect(plan.surgeSteps).toEqual([completed({ instanceIds: [], removeAdded: ['i-new'], weights: { 'i-new': 1 } })]);
  });

  it('a due instance not recorded in the surge waits surge-pending', () => {
    const snapshot = makeFleet([
      {
        group: { name: 'web', desired: 3, max: 4, tags: { 'instance-reaper:surge-state': formatSurgeState({ startedAt: NOW - 2 * MINUTE, desiredCapacity: 3, added: 1, addedUnits: 1, instanceIds: ['i-a'] }) } },
        instances: [{ id: 'i-a', ageDays: 40 }, { id: 'i-b', ageDays: 35 }, { id: 'i-new', ageDays: 0.0001 }],
      },
    ]);
    const { plan } = planFor(snapshot);
    expect(plan.terminations.map((entry) => entry.instanceId)).toEqual(['i-a']);
    expect(whys(plan)).toEqual([['i-b', 'surge-pending']]);
  });

  it.each([
    ['exactly at the timeout (60 minutes)', 60],
    ['past the timeout (a day later, e.g. a daily schedule)', 24 * 60],
  ])('ready %s: completes rather than rolling back', (_title, minutes) => {
    const plan = planSurging({ startedMinutesAgo: minutes });
    expect(plan.surgeSteps.map((step) => step.action)).toEqual(['completed']);
    expect(plan.terminations.map((entry) => entry.instanceId)).toEqual(['i-old']);
    expect(plan.errors).toEqual([]);
  });
});

describe('launch before terminate: rolling back a surge that did not become healthy', () => {
  const TIMED_OUT = 61;

  it('the new instance never turns healthy behind the load balancer: it goes, by ID, and the old one keeps serving', () => {
    const plan = planSurging({ startedMinutesAgo: TIMED_OUT, gates: { unhealthyTargets: ['i-new'] } });
    expect(plan.terminations).toEqual([]);
    expect(plan.surgeSteps).toEqual([
      { group: 'solo', action: 'rolled-back', desiredCapacity: 1, instanceIds: ['i-new'], startedAt: NOW - TIMED_OUT * MINUTE, recordedDesiredCapacity: 2, removeAdded: ['i-new'], weights: { 'i-new': 1 } },
    ]);
    expect(plan.errors).toEqual([{ group: 'solo', code: 'surge-incomplete', message: expect.stringContaining('rolled back by removing i-new') }]);
    expect(whys(plan)).toEqual([['i-old', 'surge-pending']]);
  });

  it('an Unhealthy added instance goes before a healthy one, and only as many as the surge added', () => {
    const tag = formatSurgeState({ startedAt: NOW - TIMED_OUT * MINUTE, desiredCapacity: 3, added: 1, addedUnits: 1, instanceIds: ['i-old'] });
    const snapshot = makeFleet([
      {
        group: { name: 'solo', desired: 3, max: 4, members: [{ id: 'i-old' }, { id: 'i-new' }, { id: 'i-sick', healthStatus: 'Unhealthy' }], tags: { 'instance-reaper:surge-state': tag, 'instance-reaper:budget': '2' } },
        instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-new', ageDays: 0.001 }, { id: 'i-sick', ageDays: 0.002 }],
      },
    ]);
    const { plan } = planFor(snapshot, makePolicy(), { gates: gatesFor(snapshot, { solo: { unhealthyTargets: ['i-sick'] } }) });
    expect(plan.surgeSteps.map((step) => step.removeAdded)).toEqual([['i-sick']]);
  });

  it.each<[string, Surging, string]>([
    ['an alarm in ALARM', { gates: { alarmsHolding: ['x'], unhealthyTargets: ['i-new'] } }, 'alarm'],
    ['outside the maintenance window', { group: { tags: { 'instance-reaper:window': 'Sat 02:00-04:00 UTC', 'instance-reaper:grace-days': '30' } }, gates: { unhealthyTargets: ['i-new'] } }, 'outside-window'],
    ['the instance that would stay is itself not serving', { gates: { unhealthyTargets: ['i-new', 'i-old'] } }, 'targets-unhealthy'],
    ['Terminate suspended', { group: { suspended: ['Terminate'] } }, 'processes-suspended'],
    ['run budget of 0', { policy: { maxTerminations: 0 } }, 'run-budget'],
  ])('timed out but %s: the rollback waits, changes nothing, and says so', (_title, surging, why) => {
    const plan = planSurging({ startedMinutesAgo: TIMED_OUT, ...surging });
    expect(plan.surgeSteps).toEqual([]);
    expect(whys(plan)).toEqual([['i-old', why]]);
    expect(plan.errors).toEqual([{ group: 'solo', code: 'surge-incomplete', message: expect.stringContaining(`rollback waits (${why})`) }]);
  });

  it('an added instance tagged exempt is never removed: the rollback removes nothing and says the capacity stays', () => {
    const plan = planSurging({ startedMinutesAgo: TIMED_OUT, newTags: { 'instance-reaper:exempt': 'true' }, members: [{ id: 'i-old' }, { id: 'i-new', healthStatus: 'Unhealthy' }] });
    expect(plan.surgeSteps.map((step) => step.removeAdded)).toEqual([[]]);
    expect(plan.errors).toEqual(expect.arrayContaining([{ group: 'solo', code: 'surge-incomplete', message: expect.stringContaining('no instance to remove') }]));
  });

  it('the added instance never launched (the group cannot launch): nothing to remove by ID, the desired capacity is left, the tag goes', () => {
    const plan = planSurging({ startedMinutesAgo: TIMED_OUT, members: [{ id: 'i-old' }], gates: { cannotReplace: { code: 'cannot-replace', why: 'its latest launch failed' } } });
    expect(plan.surgeSteps).toEqual([expect.objectContaining({ action: 'rolled-back', removeAdded: [], desiredCapacity: 2 })]);
    expect(plan.errors).toEqual(expect.arrayContaining([{ group: 'solo', code: 'surge-incomplete', message: expect.stringContaining('desired capacity stays 1 above') }]));
  });

  it.each<[string, MemberSpec[]]>([
    ['both instances still there', [{ id: 'i-new' }, { id: 'i-old' }]],
    ['the scale-in took the recorded instance', [{ id: 'i-new' }]],
  ])('something else lowered the capacity meanwhile (desired 2 -> 1, %s): nothing is still extra, so after the timeout only the tag goes', (_title, members) => {
    const plan = planSurging({ startedMinutesAgo: TIMED_OUT, desired: 1, members });
    expect(plan.surgeSteps).toEqual([expect.objectContaining({ action: 'rolled-back', removeAdded: [], instanceIds: [] })]);
    expect(plan.terminations).toEqual([]);
  });

  it('before the timeout, a capacity lowered by something else only waits', () => {
    const plan = planSurging({ desired: 1 });
    expect(plan.surgeSteps).toEqual([]);
    expect(whys(plan)).toEqual([['i-old', 'surge-pending']]);
  });

  it('the configured timeout (15) applies: 20 minutes and not ready rolls back', () => {
    const plan = planSurging({ startedMinutesAgo: 20, policy: { surgeTimeoutMinutes: 15 }, gates: { unhealthyTargets: ['i-new'] } });
    expect(plan.surgeSteps.map((step) => step.action)).toEqual(['rolled-back']);
  });
});

describe('launch before terminate: recorded state is checked against the group before use', () => {
  const tagOf = (state: { desiredCapacity: number; added: number; addedUnits: number; instanceIds: string[]; startedAt?: number }) => formatSurgeState({ startedAt: NOW - 10 * MINUTE, ...state });

  it.each<[string, string, MemberSpec[] | undefined, string]>([
    ['lists a running instance that is not a member (copied from another group)', tagOf({ desiredCapacity: 2, added: 1, addedUnits: 1, instanceIds: ['i-elsewhere'] }), undefined, 'not a member'],
    ['lists an instance EC2 does not know while its capacity is still added', tagOf({ desiredCapacity: 2, added: 1, addedUnits: 1, instanceIds: ['i-nowhere'] }), undefined, 'no longer in EC2'],
    ['counts that do not match its instances', tagOf({ desiredCapacity: 4, added: 3, addedUnits: 3, instanceIds: ['i-old'] }), undefined, 'added=3'],
    ['the same instance twice', tagOf({ desiredCapacity: 3, added: 2, addedUnits: 2, instanceIds: ['i-old', 'i-old'] }), undefined, 'twice'],
    ['more than the group budget (1)', tagOf({ desiredCapacity: 3, added: 2, addedUnits: 2, instanceIds: ['i-old', 'i-new'] }), undefined, 'budget'],
    ['a start in the future', tagOf({ desiredCapacity: 2, added: 1, addedUnits: 1, instanceIds: ['i-old'], startedAt: NOW + 60 * MINUTE }), undefined, 'future'],
    ['a desired capacity that leaves nothing to replace', tagOf({ desiredCapacity: 1, added: 1, addedUnits: 1, instanceIds: ['i-old'] }), undefined, 'no instance to replace'],
    ['a desired capacity that leaves nothing to replace, in units', tagOf({ desiredCapacity: 4, added: 1, addedUnits: 4, instanceIds: ['i-old'] }), undefined, 'no instance to replace'],
    ['fewer units than instances', tagOf({ desiredCapacity: 3, added: 1, addedUnits: 0, instanceIds: ['i-old'] }), undefined, 'less than its 1 instance'],
  ])('a tag with %s is an error; the group is left alone, others go on', (_title, tag, members, message) => {
    const snapshot = makeFleet([
      { group: { name: 'solo', desired: 2, max: 4, members, tags: { 'instance-reaper:surge-state': tag } }, instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-new', ageDays: 0.001 }] },
      { group: { name: 'web', desired: 2 }, instances: [{ id: 'i-web', ageDays: 40 }, { id: 'i-2' }] },
    ], { instances: [makeInstance({ id: 'i-elsewhere', ageDays: 3 })] });
    const { plan } = planFor(snapshot);
    expect(plan.errors).toEqual([{ group: 'solo', code: 'state-refused', message: expect.stringContaining(message) }]);
    expect(plan.terminations.map((entry) => entry.instanceId)).toEqual(['i-web']);
    expect(plan.surgeSteps).toEqual([]);
  });

  it('a forged tag naming every member of a large group never takes more than the budget', () => {
    const ids = Array.from({ length: 8 }, (_, index) => `i-${index}`);
    const tag = formatSurgeState({ startedAt: NOW - 10 * MINUTE, desiredCapacity: 8, added: 8, addedUnits: 8, instanceIds: ids });
    const snapshot = makeFleet([{ group: { name: 'big', desired: 8, max: 10, tags: { 'instance-reaper:surge-state': tag } }, instances: ids.map((id) => ({ id, ageDays: 40 })) }]);
    const { plan } = planFor(snapshot, makePolicy({ defaultGroupBudget: { kind: 'count', value: 2 } }));
    expect(plan.terminations).toEqual([]);
    expect(plan.surgeSteps).toEqual([]);
    expect(plan.errors).toEqual([{ group: 'big', code: 'state-refused', message: expect.stringContaining('instance-reaper:surge-state') }]);
  });

  it.each(['garbage', 'v1 at=yesterday desired=2 added=1 ids=i-old', 'v1 at=2026-11-24T11:00:00Z desired=two added=1 ids=i-old', ''])(
    'a malformed surge-state tag %p is an error and the group is left alone; others go on',
    (tag) => {
      const snapshot = makeFleet([
        { group: { name: 'solo', desired: 2, tags: { 'instance-reaper:surge-state': tag } }, instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-new' }] },
        { group: { name: 'web', desired: 2 }, instances: [{ id: 'i-web', ageDays: 40 }, { id: 'i-2' }] },
      ]);
      const { plan } = planFor(snapshot);
      expect(plan.errors).toEqual([{ group: 'solo', code: 'state-refused', message: expect.stringContaining('instance-reaper:surge-state') }]);
      expect(plan.terminations.map((entry) => entry.instanceId)).toEqual(['i-web']);
      expect(plan.surgeSteps).toEqual([]);
      expect(plan.deferred).toEqual([]);
    },
  );
});

describe('surge state tag', () => {
  it('round-trips through the tag value', () => {
    const state = { startedAt: NOW, desiredCapacity: 12, added: 3, addedUnits: 3, instanceIds: ['i-0123456789abcdef0', 'i-0123456789abcdef1', 'i-2'] };
    expect(parseSurgeState(formatSurgeState(state))).toEqual(state);
  });

  it('ten 19-character instance IDs fit in the 256-character tag value', () => {
    const instanceIds = Array.from({ length: 10 }, (_, index) => `i-0123456789abcdef${index}`);
    expect(formatSurgeState({ startedAt: NOW, desiredCapacity: 999, added: 10, addedUnits: 10, instanceIds }).length).toBeLessThanOrEqual(256);
  });

  it('a surge group never adds more than ten instances in one run', () => {
    const instances: InstanceSpec[] = Array.from({ length: 12 }, (_, index) => ({ id: `i-${index}`, ageDays: 40 + index }));
    const snapshot = makeFleet([{ group: { desired: 12, max: 30, tags: SURGE }, instances }]);
    const { plan } = planFor(snapshot, makePolicy({ defaultGroupBudget: { kind: 'count', value: 12 } }));
    expect(plan.surgeSteps.map((step) => [step.desiredCapacity, step.instanceIds.length])).toEqual([[22, 10]]);
    expect(plan.deferred.filter((entry) => entry.why === 'group-budget')).toHaveLength(2);
  });
});

describe('launch before terminate: a genuine record put back on its group later (a replay)', () => {
  // A surge 3 days ago for i-old that was rolled back; since then a scale-out launched i-b, and someone puts the
  // old record (with its proof) back. Its desired capacity matches the record again, so it reads as "still added".
  const replayed = (ageOfB: number) => {
    const record = formatSurgeState({ startedAt: NOW - 3 * 24 * 60 * MINUTE, desiredCapacity: 2, added: 1, addedUnits: 1, instanceIds: ['i-old'] });
    const snapshot = makeFleet([{ group: { name: 'solo', desired: 2, min: 1, max: 3, tags: { 'instance-reaper:surge-state': record } }, instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-b', ageDays: ageOfB }] }]);
    return planFor(snapshot).plan;
  };

  it('terminates nothing: the instance a later scale-out launched is not what the surge added, so the old one has no replacement of the surge\'s', () => {
    const plan = replayed(1);
    expect(plan.terminations).toEqual([]);
    expect(plan.surgeSteps).toEqual([expect.objectContaining({ action: 'rolled-back', instanceIds: [], removeAdded: [] })]);
    expect(plan.errors).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('no instance to remove') })]));
  });
});
