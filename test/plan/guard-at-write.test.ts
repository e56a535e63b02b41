import type { GroupSnapshot } from '../../lambda/model/fleet';
import type { RunPolicy } from '../../lambda/model/run-policy';
import { guardAtWrite } from '../../lambda/plan/guard-at-write';
import { gatesFor, makeFleet, makeGroup, makePolicy, planFor, type GroupSpec, type InstanceSpec } from '../factories';

const whyOf = (plan: { deferred: readonly { instanceId: string; why: string }[] }, instanceId: string) => plan.deferred.find((entry) => entry.instanceId === instanceId)?.why;

/** Plans a run on `group`, then guards it against the group as read again just before the write (`fresh`, by default as planned). */
function guarded(group: GroupSpec, instances: readonly InstanceSpec[], fresh: (planned: GroupSnapshot) => GroupSnapshot | undefined = (planned) => planned, policy: Partial<RunPolicy> = {}) {
  const snapshot = makeFleet([{ group: { name: 'web', ...group }, instances }]);
  const { plan, evaluation } = planFor(snapshot, makePolicy(policy));
  const now = fresh(snapshot.groups[0] as GroupSnapshot);
  const guardedPlan = guardAtWrite({ plan, evaluation, gates: gatesFor(snapshot), fresh: new Map(now ? [['web', now]] : []) });
  return { plan, guarded: guardedPlan };
}

const OLD_AND_YOUNG: InstanceSpec[] = [{ id: 'i-old', ageDays: 40 }, { id: 'i-young', ageDays: 2 }];

describe('guardAtWrite: the plan held to the group as it is just before the first write', () => {
  it('a group that did not change goes ahead exactly as planned', () => {
    const { plan, guarded: after } = guarded({}, OLD_AND_YOUNG);
    expect(after).toEqual(plan);
  });

  it('a scale-in during the run took the young instance: the old one is not terminated (nothing would serve), it waits with group-budget', () => {
    const { plan, guarded: after } = guarded({}, OLD_AND_YOUNG, () => makeGroup({ name: 'web', desired: 1, members: ['i-old'] }));
    expect(plan.terminations.map((entry) => entry.instanceId)).toEqual(['i-old']);
    expect(after.terminations).toEqual([]);
    expect(whyOf(after, 'i-old')).toBe('group-budget');
  });

  it('a scale-out under way (a member Pending) makes the group unstable: nothing goes', () => {
    const fresh = () => makeGroup({ name: 'web', desired: 3, members: ['i-old', 'i-young', { id: 'i-new', lifecycleState: 'Pending' }] });
    const { guarded: after } = guarded({}, OLD_AND_YOUNG, fresh);
    expect(after.terminations).toEqual([]);
    expect(whyOf(after, 'i-old')).toBe('group-unstable');
  });

  it('a scale-out that already serves keeps the plan safe: the old one still goes', () => {
    const fresh = () => makeGroup({ name: 'web', desired: 3, members: ['i-old', 'i-young', 'i-new'] });
    const { guarded: after } = guarded({}, OLD_AND_YOUNG, fresh);
    expect(after.terminations.map((entry) => entry.instanceId)).toEqual(['i-old']);
  });

  it.each<[string, (planned: GroupSnapshot) => GroupSnapshot, string]>([
    ['protected from scale-in since', () => makeGroup({ name: 'web', members: [{ id: 'i-old', protectedFromScaleIn: true }, 'i-young'] }), 'protected'],
    ['put in Standby since', () => makeGroup({ name: 'web', desired: 1, members: [{ id: 'i-old', lifecycleState: 'Standby' }, 'i-young'] }), 'not-in-service'],
    ['the group tagged exempt since', (planned) => ({ ...planned, tags: { 'instance-reaper:exempt': 'true' } }), 'exempt'],
    ['Launch suspended since', (planned) => ({ ...planned, suspendedProcesses: ['Launch'] }), 'processes-suspended'],
    ['its budget tag changed since', (planned) => ({ ...planned, tags: { 'instance-reaper:budget': '3' } }), 'group-unstable'],
  ])('the victim %s waits, with why', (_title, fresh, why) => {
    const { guarded: after } = guarded({}, OLD_AND_YOUNG, fresh);
    expect(after.terminations).toEqual([]);
    expect(whyOf(after, 'i-old')).toBe(why);
  });

  it('a budget of 100% judged on the fresh desired capacity: 4 planned on a group of 5, a scale-in to 3 leaves two', () => {
    const instances = Array.from({ length: 5 }, (_, index) => ({ id: `i-${index}`, ageDays: 40 + index }));
    const fresh = () => makeGroup({ name: 'web', desired: 3, members: ['i-4', 'i-3', 'i-0'] });
    const { plan, guarded: after } = guarded({}, instances, fresh, { defaultGroupBudget: { kind: 'percent', value: 100 } });
    expect(plan.terminations).toHaveLength(4);
    expect(after.terminations.map((entry) => entry.instanceId)).toEqual(['i-4', 'i-3']);
    expect(after.deferred.map((entry) => [entry.instanceId, entry.why])).toEqual([
      ['i-0', 'group-budget'],
      ['i-2', 'not-in-service'],
      ['i-1', 'not-in-service'],
    ]);
  });

  it('a group gone since the plan does nothing and is reported', () => {
    const { guarded: after } = guarded({}, OLD_AND_YOUNG, () => undefined);
    expect(after.terminations).toEqual([]);
    expect(after.errors).toEqual([expect.objectContaining({ group: 'web', message: expect.stringContaining('not found') })]);
  });

  it('a failed fresh read writes nothing and says why once', () => {
    const snapshot = makeFleet([{ group: { name: 'web' }, instances: OLD_AND_YOUNG }]);
    const { plan, evaluation } = planFor(snapshot);
    const after = guardAtWrite({ plan, evaluation, gates: gatesFor(snapshot), fresh: new Map(), failure: { code: 'read-denied', message: 'DescribeAutoScalingGroups failed: AccessDenied' } });
    expect(after.terminations).toEqual([]);
    expect(after.errors).toEqual([{ code: 'read-denied', message: 'DescribeAutoScalingGroups failed: AccessDenied' }]);
    expect(whyOf(after, 'i-old')).toBe('group-unstable');
  });
});

describe('guardAtWrite: launch before terminate', () => {
  const SOLO = { desired: 1, min: 1, max: 5 };

  it('a surge adds its units on top of the desired capacity read just before: a scale-out 1 -> 3 is kept (sets 4)', () => {
    const fresh = () => makeGroup({ name: 'web', desired: 3, max: 5, members: ['i-old', 'i-b', 'i-c'] });
    const { guarded: after } = guarded(SOLO, [{ id: 'i-old', ageDays: 40 }], fresh);
    expect(after.surgeSteps).toEqual([expect.objectContaining({ action: 'capacity-added', desiredCapacity: 4, recordedDesiredCapacity: 4 })]);
  });

  it.each<[string, () => GroupSnapshot, string]>([
    ['the instance to replace is no longer InService', () => makeGroup({ name: 'web', desired: 1, max: 5, members: [{ id: 'i-old', lifecycleState: 'Standby' }, 'i-other'] }), 'not-in-service'],
    ['a scale-out left no headroom under MaxSize', () => makeGroup({ name: 'web', desired: 2, max: 2, members: ['i-old', 'i-b'] }), 'no-headroom'],
  ])('no surge starts when %s; its instance waits with why', (_title, fresh, why) => {
    const { guarded: after } = guarded(SOLO, [{ id: 'i-old', ageDays: 40 }], fresh);
    expect(after.surgeSteps).toEqual([]);
    expect(whyOf(after, 'i-old')).toBe(why);
  });
});
