import type { RunPolicy } from '../../lambda/model/run-policy';
import type { Plan } from '../../lambda/plan/plan';
import { makeFleet, makePolicy, planFor, type GroupSpec, type InstanceSpec } from '../factories';

const terminatedIds = (plan: Plan) => plan.terminations.map((entry) => entry.instanceId);
const whyOf = (plan: Plan, instanceId: string) => plan.deferred.find((entry) => entry.instanceId === instanceId)?.why;

/** A group whose members are all due (40 days and older), with the given weights. */
function weighted(weights: readonly number[], group: GroupSpec = {}, policy: Partial<RunPolicy> = {}): Plan {
  const instances: InstanceSpec[] = weights.map((_, index) => ({ id: `i-${index}`, ageDays: 40 + index }));
  const members = weights.map((weight, index) => ({ id: `i-${index}`, weight }));
  return planFor(makeFleet([{ group: { members, ...group }, instances }]), makePolicy(policy)).plan;
}

describe('capacity in the group\'s units', () => {
  it('weights 4+4 at desired 8 are stable: one rotates (was group-unstable forever when members were counted)', () => {
    const plan = weighted([4, 4], { desired: 8 });
    expect(terminatedIds(plan)).toEqual(['i-1']);
    expect(whyOf(plan, 'i-0')).toBe('group-budget');
  });

  it('a vcpu group whose members add up to its desired vCPUs is stable', () => {
    const plan = weighted([2, 2, 4], { desired: 8, desiredCapacityType: 'vcpu' });
    expect(terminatedIds(plan)).toEqual(['i-2']);
  });

  it('serving units below desired is unstable: weights 4+2 at desired 8', () => {
    const plan = weighted([4, 2], { desired: 8 });
    expect(plan.terminations).toEqual([]);
    expect(whyOf(plan, 'i-0')).toBe('group-unstable');
  });

  it('a plain termination carries its units', () => {
    expect(weighted([4, 4], { desired: 8 }).terminations[0]?.units).toBe(4);
  });

  it.each<[string, readonly number[], number, RunPolicy['defaultGroupBudget'], number]>([
    ['34% of 12 units (5): one member of weight 4, not two', [4, 4, 4], 12, { kind: 'percent', value: 34 }, 1],
    ['67% of 12 units (9): two members of weight 4', [4, 4, 4], 12, { kind: 'percent', value: 67 }, 2],
    ['10% of 12 units (2): one member of weight 4 still goes (a percentage always lets one go)', [4, 4, 4], 12, { kind: 'percent', value: 10 }, 1],
    ['count 2 is instances whatever their weight', [4, 4, 4], 12, { kind: 'count', value: 2 }, 2],
  ])('percent budgets are in units: %s', (_title, weights, desired, budget, expected) => {
    expect(weighted(weights, { desired }, { defaultGroupBudget: budget }).terminations).toHaveLength(expected);
  });
});

describe('never all serving capacity at once (contract section 9)', () => {
  it.each<[string, readonly number[], RunPolicy['defaultGroupBudget'], number]>([
    ['budget 2 on a group of 2 terminates one', [1, 1], { kind: 'count', value: 2 }, 1],
    ['100% of 3 terminates two', [1, 1, 1], { kind: 'percent', value: 100 }, 2],
    ['60% of 2 (2) terminates one', [1, 1], { kind: 'percent', value: 60 }, 1],
    ['budget 5 on weights 4+4 terminates one', [4, 4], { kind: 'count', value: 5 }, 1],
  ])('%s; the rest wait with group-budget', (_title, weights, budget, expected) => {
    const plan = weighted(weights, {}, { defaultGroupBudget: budget });
    expect(plan.terminations).toHaveLength(expected);
    expect(plan.deferred.map((entry) => entry.why)).toEqual(Array.from({ length: weights.length - expected }, () => 'group-budget'));
  });

  it('a group of one weighted member (desired 4, weight 4) surges rather than terminating', () => {
    const plan = weighted([4], { desired: 4, max: 8 });
    expect(plan.terminations).toEqual([]);
    expect(plan.surgeSteps).toEqual([expect.objectContaining({ action: 'capacity-added', desiredCapacity: 8, weights: { 'i-0': 4 } })]);
  });

  it('a weighted surge stops at MaxSize in units: no headroom for 4 more units under MaxSize 6', () => {
    const plan = weighted([4], { desired: 4, max: 6 });
    expect(plan.surgeSteps).toEqual([]);
    expect(whyOf(plan, 'i-0')).toBe('no-headroom');
  });
});

describe('lifecycle states that are nobody\'s to wait for', () => {
  const withRetained = (state: string) =>
    planFor(
      makeFleet([
        {
          group: { desired: 2, members: [{ id: 'i-old' }, { id: 'i-2' }, { id: 'i-kept', lifecycleState: state }] },
          instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-2', ageDays: 1 }, { id: 'i-kept', ageDays: 50 }],
        },
      ]),
    ).plan;

  it('a Terminating:Retained member neither serves nor holds the group (it held it forever as "terminating"): the rest rotates, the member is reported', () => {
    const plan = withRetained('Terminating:Retained');
    expect(terminatedIds(plan)).toEqual(['i-old']);
    expect(whyOf(plan, 'i-kept')).toBe('not-in-service');
    expect(plan.errors).toEqual([expect.objectContaining({ group: 'web', instanceId: 'i-kept', message: expect.stringContaining('retained') })]);
  });

  it('a member still Terminating:Wait (a lifecycle hook running) holds the group', () => {
    const plan = withRetained('Terminating:Wait');
    expect(plan.terminations).toEqual([]);
    expect(whyOf(plan, 'i-old')).toBe('group-unstable');
  });
});
