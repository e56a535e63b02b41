import type { GroupGates } from '../../lambda/model/fleet';
import type { DeferralReason } from '../../lambda/model/reasons';
import type { RunPolicy } from '../../lambda/model/run-policy';
import type { Plan } from '../../lambda/plan/plan';
import {
  gatesFor,
  makeFleet,
  makeImage,
  makePolicy,
  planFor,
  type GroupSpec,
  type InstanceSpec,
  type MemberSpec,
} from '../factories';

const terminatedIds = (plan: Plan) => plan.terminations.map((entry) => entry.instanceId);
const whyOf = (plan: Plan, instanceId: string) => plan.deferred.find((entry) => entry.instanceId === instanceId)?.why;

interface Scenario {
  readonly group?: GroupSpec;
  /** Members of the group besides i-due; i-due is added unless listed here. */
  readonly members?: readonly MemberSpec[];
  readonly due?: InstanceSpec;
  readonly gates?: Partial<GroupGates> | 'missing';
  readonly policy?: Partial<RunPolicy>;
}

/** One group of three: i-due (40 days old, past its lifetime) and two fresh instances, unless the scenario says otherwise. */
function planScenario({ group = {}, members, due = {}, gates = {}, policy = {} }: Scenario): Plan {
  const memberSpecs = members ?? [{ id: 'i-due' }, { id: 'i-2' }, { id: 'i-3' }];
  const instances = memberSpecs.map((member) => (member.id === 'i-due' ? { id: 'i-due', ageDays: 40, ...due } : { id: member.id, ageDays: 1 }));
  const snapshot = makeFleet([{ group: { desired: 3, ...group, members: memberSpecs }, instances }]);
  const gateMap = gates === 'missing' ? new Map<string, GroupGates>() : gatesFor(snapshot, { web: gates });
  return planFor(snapshot, makePolicy(policy), { gates: gateMap }).plan;
}

const EXEMPT = { 'instance-reaper:exempt': 'true' };
const withMember = (change: Partial<MemberSpec>): MemberSpec[] => [{ id: 'i-due', ...change }, { id: 'i-2' }, { id: 'i-3' }];

describe('buildPlan: a stable group terminates its due instance', () => {
  it('terminates without decrementing the desired capacity', () => {
    const plan = planScenario({});
    expect(plan.terminations).toEqual([{ instanceId: 'i-due', group: 'web', reasons: ['max-age'], decrementDesiredCapacity: false, units: 1 }]);
    expect(plan.deferred).toEqual([]);
    expect(plan.surgeSteps).toEqual([]);
  });

  it.each(['AZRebalance', 'AlarmNotification', 'ScheduledActions', 'ReplaceUnhealthy'])('a suspended %s process does not block', (process) => {
    expect(terminatedIds(planScenario({ group: { suspended: [process] } }))).toEqual(['i-due']);
  });
});

describe('buildPlan: every deferral why', () => {
  it.each<[string, Scenario, DeferralReason]>([
    ['exempt: group tagged instance-reaper:exempt=true', { group: { tags: EXEMPT } }, 'exempt'],
    ['exempt: group tag read case-insensitively (TRUE)', { group: { tags: { 'instance-reaper:exempt': 'TRUE' } } }, 'exempt'],
    ['exempt: instance tagged instance-reaper:exempt=true', { due: { tags: EXEMPT } }, 'exempt'],
    ['protected: protected from scale-in', { members: withMember({ protectedFromScaleIn: true }) }, 'protected'],
    ['not-in-service: Standby', { members: withMember({ lifecycleState: 'Standby' }), group: { desired: 2 } }, 'not-in-service'],
    ['not-in-service: Terminating:Wait (lifecycle hook)', { members: withMember({ lifecycleState: 'Terminating:Wait' }) }, 'not-in-service'],
    ['not-in-service: Pending:Wait', { members: withMember({ lifecycleState: 'Pending:Wait' }) }, 'not-in-service'],
    ['not-in-service: Warmed:Running (warm pool)', { members: withMember({ lifecycleState: 'Warmed:Running' }), group: { desired: 2 } }, 'not-in-service'],
    ['processes-suspended: Launch suspended', { group: { suspended: ['Launch'] } }, 'processes-suspended'],
    ['processes-suspended: Terminate suspended', { group: { suspended: ['AZRebalance', 'Terminate'] } }, 'processes-suspended'],
    ['surge-pending: group of desired 1 adds capacity first', { members: [{ id: 'i-due' }], group: { desired: 1 } }, 'surge-pending'],
    ['group-unstable: 2 InService+Healthy of desired 3 (one Unhealthy)', { members: [{ id: 'i-due' }, { id: 'i-2' }, { id: 'i-3', healthStatus: 'Unhealthy' }] }, 'group-unstable'],
    ['group-unstable: 3 members of desired 4', { group: { desired: 4 } }, 'group-unstable'],
    ['group-unstable: a Pending member', { members: [...withMember({}), { id: 'i-4', lifecycleState: 'Pending' }] }, 'group-unstable'],
    ['group-unstable: a Terminating:Wait member', { members: [...withMember({}), { id: 'i-4', lifecycleState: 'Terminating:Wait' }] }, 'group-unstable'],
    ['group-unstable: instance refresh active', { gates: { instanceRefreshActive: true } }, 'group-unstable'],
    ['group-unstable: status Delete in progress', { group: { status: 'Delete in progress' } }, 'group-unstable'],
    ['group-unstable: gates missing (could not be read)', { gates: 'missing' }, 'group-unstable'],
    ['alarm: an alarm in ALARM', { gates: { alarmsHolding: ['web-5xx'] } }, 'alarm'],
    ['targets-unhealthy: one target unhealthy', { gates: { unhealthyTargets: ['i-2'] } }, 'targets-unhealthy'],
    ['outside-window: 40 days old, grace 30, window closed', { group: { tags: { 'instance-reaper:window': 'Sat 01:00-02:00 UTC', 'instance-reaper:grace-days': '30' } } }, 'outside-window'],
    ['no-headroom: surge group at MaxSize', { group: { max: 3, tags: { 'instance-reaper:surge': 'true' } } }, 'no-headroom'],
    ['run-budget: a run budget of 0', { policy: { maxTerminations: 0 } }, 'run-budget'],
  ])('%s', (_title, scenario, why) => {
    const plan = planScenario(scenario);
    expect(whyOf(plan, 'i-due')).toBe(why);
    expect(terminatedIds(plan)).toEqual([]);
  });

  it('group-budget: the second due instance of a group with a budget of 1', () => {
    const plan = planScenario({ members: [{ id: 'i-due' }, { id: 'i-2' }, { id: 'i-3' }], due: { ageDays: 50 } });
    const second = planFor(
      makeFleet([{ group: { desired: 2 }, instances: [{ id: 'i-a', ageDays: 50 }, { id: 'i-b', ageDays: 40 }] }]),
    ).plan;
    expect(terminatedIds(plan)).toEqual(['i-due']);
    expect(terminatedIds(second)).toEqual(['i-a']);
    expect(second.deferred).toEqual([{ instanceId: 'i-b', group: 'web', reasons: ['max-age'], why: 'group-budget' }]);
  });

  it('keeps the contract fields on a deferred entry: instanceId, group, reasons, why', () => {
    const plan = planScenario({ gates: { alarmsHolding: ['x'] } });
    expect(plan.deferred).toEqual([{ instanceId: 'i-due', group: 'web', reasons: ['max-age'], why: 'alarm' }]);
  });
});

describe('buildPlan: precedence when several hold', () => {
  it.each<[string, Scenario, DeferralReason]>([
    ['exempt + protected => exempt', { group: { tags: EXEMPT }, members: withMember({ protectedFromScaleIn: true }) }, 'exempt'],
    ['protected + not-in-service => protected', { members: withMember({ protectedFromScaleIn: true, lifecycleState: 'Standby' }) }, 'protected'],
    ['protected + unstable => protected', { members: withMember({ protectedFromScaleIn: true }), gates: { instanceRefreshActive: true } }, 'protected'],
    ['not-in-service + suspended => not-in-service', { members: withMember({ lifecycleState: 'Standby' }), group: { suspended: ['Launch'] } }, 'not-in-service'],
    ['suspended + unstable => processes-suspended', { group: { suspended: ['Terminate'], status: 'Delete in progress' } }, 'processes-suspended'],
    ['suspended + surge group => processes-suspended', { group: { suspended: ['Launch'], tags: { 'instance-reaper:surge': 'true' } } }, 'processes-suspended'],
    ['unstable + alarm => group-unstable', { gates: { instanceRefreshActive: true, alarmsHolding: ['x'] } }, 'group-unstable'],
    ['alarm + targets unhealthy => alarm', { gates: { alarmsHolding: ['x'], unhealthyTargets: ['i-2'] } }, 'alarm'],
    [
      'targets unhealthy + outside window => targets-unhealthy',
      { gates: { unhealthyTargets: ['i-2'] }, group: { tags: { 'instance-reaper:window': 'Sat 01:00-02:00 UTC', 'instance-reaper:grace-days': '30' } } },
      'targets-unhealthy',
    ],
    [
      'outside window + no headroom => outside-window',
      { group: { max: 3, tags: { 'instance-reaper:surge': 'true', 'instance-reaper:window': 'Sat 01:00-02:00 UTC', 'instance-reaper:grace-days': '30' } } },
      'outside-window',
    ],
    ['no headroom + run budget 0 => no-headroom', { group: { max: 3, tags: { 'instance-reaper:surge': 'true' } }, policy: { maxTerminations: 0 } }, 'no-headroom'],
    ['emergency + exempt => exempt (emergency never bypasses)', { group: { tags: EXEMPT }, policy: { targetedInstanceIds: ['i-due'] } }, 'exempt'],
    ['emergency + protected => protected', { members: withMember({ protectedFromScaleIn: true }), policy: { targetedInstanceIds: ['i-due'] } }, 'protected'],
    ['emergency + unstable => group-unstable', { gates: { instanceRefreshActive: true }, policy: { targetedInstanceIds: ['i-due'] } }, 'group-unstable'],
    ['emergency + alarm => alarm', { gates: { alarmsHolding: ['x'] }, policy: { blockedAmiIds: ['ami-current'] } }, 'alarm'],
  ])('%s', (_title, scenario, why) => {
    expect(whyOf(planScenario(scenario), 'i-due')).toBe(why);
  });
});

describe('buildPlan: budgets', () => {
  const fleetOf = (count: number, group: GroupSpec = {}) =>
    makeFleet([{ group: { desired: count, ...group }, instances: Array.from({ length: count }, (_, index) => ({ id: `i-${index}`, ageDays: 30 + index })) }]);

  it.each<[string, Partial<RunPolicy>, GroupSpec, number, number]>([
    ['budget of 1, 5 due => 1', {}, {}, 5, 1],
    ['budget of 3, 5 due => 3', { defaultGroupBudget: { kind: 'count', value: 3 } }, {}, 5, 3],
    ['budget of 10, 5 due in a group of 5 => 4 (its last serving instance stays)', { defaultGroupBudget: { kind: 'count', value: 10 } }, {}, 5, 4],
    ['25% of desired 10 => 3 (rounded up)', { defaultGroupBudget: { kind: 'percent', value: 25 } }, {}, 10, 3],
    ['1% of desired 3 => 1 (at least 1)', { defaultGroupBudget: { kind: 'percent', value: 1 } }, {}, 3, 1],
    ['100% of desired 4 => 3 (its last serving instance stays)', { defaultGroupBudget: { kind: 'percent', value: 100 } }, {}, 4, 3],
    ['group tag budget 2 over config 1 => 2', {}, { tags: { 'instance-reaper:budget': '2' } }, 5, 2],
    ['group tag 50% of desired 6 => 3', {}, { tags: { 'instance-reaper:budget': '50%' } }, 6, 3],
    ['event budget 4 over tag 2 => 4', { groupBudgetOverride: { kind: 'count', value: 4 } }, { tags: { 'instance-reaper:budget': '2' } }, 5, 4],
    ['run budget of 0 => 0', { maxTerminations: 0, defaultGroupBudget: { kind: 'count', value: 5 } }, {}, 5, 0],
    ['run budget of 2 under group budget 5 => 2', { maxTerminations: 2, defaultGroupBudget: { kind: 'count', value: 5 } }, {}, 5, 2],
  ])('%s', (_title, policy, group, count, terminated) => {
    const plan = planFor(fleetOf(count, group), makePolicy(policy)).plan;
    expect(plan.terminations).toHaveLength(terminated);
    expect(plan.deferred).toHaveLength(count - terminated);
    const expectedWhy = policy.maxTerminations !== undefined && policy.maxTerminations < count ? 'run-budget' : 'group-budget';
    expect(new Set(plan.deferred.map((entry) => entry.why))).toEqual(new Set(count > terminated ? [expectedWhy] : []));
  });

  it('group budget and run budget both spent: group-budget (it comes first)', () => {
    const snapshot = makeFleet([{ group: {}, instances: [{ id: 'i-a', ageDays: 50 }, { id: 'i-b', ageDays: 40 }] }]);
    const plan = planFor(snapshot, makePolicy({ maxTerminations: 1 })).plan;
    expect(terminatedIds(plan)).toEqual(['i-a']);
    expect(whyOf(plan, 'i-b')).toBe('group-budget');
  });

  it('instances held back for their own sake do not use the budget', () => {
    const snapshot = makeFleet([
      {
        group: { desired: 3, members: [{ id: 'i-old', protectedFromScaleIn: true }, { id: 'i-mid' }, { id: 'i-new' }] },
        instances: [{ id: 'i-old', ageDays: 90 }, { id: 'i-mid', ageDays: 60, tags: EXEMPT }, { id: 'i-new', ageDays: 30 }],
      },
    ]);
    const plan = planFor(snapshot).plan;
    expect(terminatedIds(plan)).toEqual(['i-new']);
    expect(plan.deferred.map((entry) => [entry.instanceId, entry.why])).toEqual([['i-old', 'protected'], ['i-mid', 'exempt']]);
  });
});

describe('buildPlan: order', () => {
  it('oldest first within a group', () => {
    const snapshot = makeFleet([{ group: {}, instances: [{ id: 'i-30', ageDays: 30 }, { id: 'i-50', ageDays: 50 }, { id: 'i-40', ageDays: 40 }] }]);
    const plan = planFor(snapshot).plan;
    expect(terminatedIds(plan)).toEqual(['i-50']);
    expect(plan.deferred.map((entry) => entry.instanceId)).toEqual(['i-40', 'i-30']);
  });

  it('oldest by first launch, not LaunchTime: restarted yesterday but first launched 60 days ago goes before 50 days old', () => {
    const snapshot = makeFleet([{ group: {}, instances: [{ id: 'i-50', ageDays: 50 }, { id: 'i-restarted', launchAgeDays: 1, eniAgeDays: 60, rootAgeDays: 60 }] }]);
    const plan = planFor(snapshot).plan;
    expect(terminatedIds(plan)).toEqual(['i-restarted']);
    expect(whyOf(plan, 'i-50')).toBe('group-budget');
  });

  it('emergency reasons first, even when younger', () => {
    const snapshot = makeFleet([{ group: {}, instances: [{ id: 'i-old', ageDays: 90 }, { id: 'i-target', ageDays: 2 }] }]);
    const plan = planFor(snapshot, makePolicy({ targetedInstanceIds: ['i-target'] })).plan;
    expect(terminatedIds(plan)).toEqual(['i-target']);
    expect(whyOf(plan, 'i-old')).toBe('group-budget');
  });

  it.each<[string, Partial<RunPolicy>, GroupSpec]>([
    ['targeted', { targetedInstanceIds: ['i-urgent'] }, {}],
    ['ami-blocked', { blockedAmiIds: ['ami-bad'] }, {}],
    ['rotation-requested', {}, { tags: { 'instance-reaper:rotate-before': '2026-11-24T00:00:00Z' } }],
  ])('%s in one group takes a run budget of 1 before an older routine instance in another', (_title, policy, urgentGroup) => {
    const snapshot = makeFleet(
      [
        { group: { name: 'routine' }, instances: [{ id: 'i-old', ageDays: 90 }, { id: 'i-r2', ageDays: 0.1 }] },
        { group: { name: 'urgent', ...urgentGroup }, instances: [{ id: 'i-urgent', ageDays: 2, imageId: 'ami-bad' }, { id: 'i-u2', ageDays: 0.1 }] },
      ],
      { images: [makeImage(), makeImage({ id: 'ami-bad' })] },
    );
    const plan = planFor(snapshot, makePolicy({ ...policy, amiDrift: false, maxTerminations: 1 })).plan;
    expect(terminatedIds(plan)).toEqual(['i-urgent']);
    expect(whyOf(plan, 'i-old')).toBe('run-budget');
  });

  it('the run budget goes to the oldest across all groups', () => {
    // Three members each, so a group budget of 2 leaves one serving: only the run budget holds these back.
    const snapshot = makeFleet([
      { group: { name: 'a' }, instances: [{ id: 'i-a30', ageDays: 30 }, { id: 'i-a60', ageDays: 60 }, { id: 'i-a1', ageDays: 1 }] },
      { group: { name: 'b' }, instances: [{ id: 'i-b50', ageDays: 50 }, { id: 'i-b45', ageDays: 45 }, { id: 'i-b1', ageDays: 1 }] },
      { group: { name: 'c' }, instances: [{ id: 'i-c35', ageDays: 35 }, { id: 'i-c1', ageDays: 1 }] },
    ]);
    const plan = planFor(snapshot, makePolicy({ maxTerminations: 2, defaultGroupBudget: { kind: 'count', value: 2 } })).plan;
    expect(terminatedIds(plan)).toEqual(['i-a60', 'i-b50']);
    expect(plan.deferred.map((entry) => [entry.instanceId, entry.why])).toEqual([
      ['i-b45', 'run-budget'],
      ['i-c35', 'run-budget'],
      ['i-a30', 'run-budget'],
    ]);
  });

});

describe('buildPlan: the rest of the plan', () => {
  it('passes dry run and scanned through, and lists unmanaged and errors', () => {
    const snapshot = makeFleet(
      [{ group: {}, instances: [{ id: 'i-1', ageDays: 40 }, { id: 'i-2', ageDays: 1 }] }],
      { instances: [{ instanceId: 'i-loose', state: 'running', imageId: 'ami-current', launchTime: Date.parse('2026-01-01T00:00:00Z'), tags: {} }], errors: [{ code: 'read-failed', message: 'read failed' }] },
    );
    const { plan } = planFor(snapshot, makePolicy({ dryRun: true }));
    expect(plan.dryRun).toBe(true);
    expect(plan.scanned).toEqual({ groups: 1, instances: 3 });
    expect(plan.unmanaged).toEqual([{ instanceId: 'i-loose', reasons: ['max-age'] }]);
    expect(plan.errors).toEqual([{ code: 'read-failed', message: 'read failed' }]);
  });

  it('plans terminations in a dry run exactly as in a real run', () => {
    const snapshot = makeFleet([{ group: {}, instances: [{ id: 'i-1', ageDays: 40 }] }]);
    expect(planFor(snapshot, makePolicy({ dryRun: true })).plan.terminations).toEqual(planFor(snapshot).plan.terminations);
  });
});
