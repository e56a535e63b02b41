import fc from 'fast-check';
import type { GroupMember, GroupSnapshot } from '../../lambda/model/fleet';
import type { Budget } from '../../lambda/model/run-policy';
import { budgetAllows } from '../../lambda/plan/budget';
import { isServing, servingUnits } from '../../lambda/plan/capacity';
import { guardAtWrite } from '../../lambda/plan/guard-at-write';
import type { Plan } from '../../lambda/plan/plan';
import { gatesFor, makeFleet, makePolicy, planFor, type InstanceSpec, type MemberSpec } from '../factories';

/*
 * Contract section 9 over random fleets, policies and capacity moved by someone else between the plan and the write
 * (seeded, so a failure reproduces): the reaper never takes a group's last serving instance, never more than its budget
 * on the group as it is at the write, and never leaves the desired capacity below where it found it.
 */

interface MemberDraft {
  readonly weight: number;
  readonly ageDays: number;
  readonly state: 'InService' | 'Unhealthy' | 'Pending' | 'Standby' | 'Terminating:Retained';
  readonly protectedFromScaleIn: boolean;
}

type Move = { readonly kind: 'none' } | { readonly kind: 'scale-in'; readonly count: number } | { readonly kind: 'scale-out'; readonly count: number; readonly serving: boolean } | { readonly kind: 'standby'; readonly index: number };

interface GroupDraft {
  readonly members: readonly MemberDraft[];
  readonly desiredOffset: number;
  readonly budget?: Budget;
  readonly surge: boolean;
  readonly move: Move;
}

const memberDraft = (weights: readonly number[]) =>
  fc.record({
    weight: fc.constantFrom(...weights),
    ageDays: fc.integer({ min: 1, max: 90 }),
    state: fc.oneof({ weight: 12, arbitrary: fc.constant('InService' as const) }, fc.constantFrom('Unhealthy' as const, 'Pending' as const, 'Standby' as const, 'Terminating:Retained' as const)),
    protectedFromScaleIn: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, fc.constant(true)),
  });

const budgetArb: fc.Arbitrary<Budget | undefined> = fc.option(
  fc.oneof(fc.integer({ min: 1, max: 6 }).map((value): Budget => ({ kind: 'count', value })), fc.integer({ min: 1, max: 100 }).map((value): Budget => ({ kind: 'percent', value }))),
);

const moveArb: fc.Arbitrary<Move> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Move>({ kind: 'none' }) },
  fc.integer({ min: 1, max: 3 }).map((count): Move => ({ kind: 'scale-in', count })),
  fc.record({ count: fc.integer({ min: 1, max: 3 }), serving: fc.boolean() }).map(({ count, serving }): Move => ({ kind: 'scale-out', count, serving })),
  fc.integer({ min: 0, max: 7 }).map((index): Move => ({ kind: 'standby', index })),
);

const groupDraft: fc.Arbitrary<GroupDraft> = fc.constantFrom([1], [1, 2, 4], [2, 4, 8]).chain((weights) =>
  fc.record({
    members: fc.array(memberDraft(weights), { minLength: 1, maxLength: 8 }),
    desiredOffset: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, fc.integer({ min: -2, max: 2 })),
    budget: budgetArb,
    surge: fc.boolean(),
    move: moveArb,
  }),
);

const memberOf = (id: string, draft: MemberDraft): MemberSpec => ({
  id,
  weight: draft.weight,
  protectedFromScaleIn: draft.protectedFromScaleIn,
  lifecycleState: draft.state === 'Unhealthy' ? 'InService' : draft.state,
  healthStatus: draft.state === 'Unhealthy' ? 'Unhealthy' : 'Healthy',
});

/** Another tool moves the group between the plan and the write: members go with their units, or come. */
function moved(group: GroupSnapshot, move: Move): GroupSnapshot {
  const unitsOfMembers = (members: readonly GroupMember[]) => members.reduce((sum, member) => sum + member.weight, 0);
  switch (move.kind) {
    case 'none':
      return group;
    case 'scale-in': {
      const leaving = group.members.slice(-move.count);
      return { ...group, desiredCapacity: Math.max(0, group.desiredCapacity - unitsOfMembers(leaving)), members: group.members.slice(0, -move.count) };
    }
    case 'scale-out': {
      const arriving = Array.from({ length: move.count }, (_, index): GroupMember => ({ instanceId: `${group.name}-new-${index}`, lifecycleState: move.serving ? 'InService' : 'Pending', healthStatus: 'Healthy', protectedFromScaleIn: false, weight: 1 }));
      return { ...group, desiredCapacity: group.desiredCapacity + move.count, maxSize: group.maxSize + move.count, members: [...group.members, ...arriving] };
    }
    case 'standby':
      return { ...group, members: group.members.map((member, index) => (index === move.index ? { ...member, lifecycleState: 'Standby' } : member)) };
  }
}

/** What the group looks like once the guarded plan's writes land, before any replacement launches. */
function afterWrites(group: GroupSnapshot, plan: Plan): GroupSnapshot {
  const terminating = new Set(plan.terminations.filter((entry) => entry.group === group.name).map((entry) => entry.instanceId));
  const raised = plan.surgeSteps.find((step) => step.group === group.name && step.action === 'capacity-added');
  return {
    ...group,
    desiredCapacity: raised?.desiredCapacity ?? group.desiredCapacity,
    members: group.members.map((member) => (terminating.has(member.instanceId) ? { ...member, lifecycleState: 'Terminating' } : member)),
  };
}

describe('replace, never reduce: over random fleets, policies and capacity moved mid-run', () => {
  it('never takes the last serving instance, never more than the budget on the fresh state, never lowers desired capacity', () => {
    fc.assert(
      fc.property(fc.array(groupDraft, { minLength: 1, maxLength: 4 }), budgetArb, fc.integer({ min: 0, max: 12 }), (drafts, defaultBudget, maxTerminations) => {
        const entries = drafts.map((draft, groupIndex) => {
          const name = `g${groupIndex}`;
          const ids = draft.members.map((_, index) => `${name}-i${index}`);
          const members = draft.members.map((member, index) => memberOf(ids[index] ?? '', member));
          const serving = draft.members.filter((member) => member.state === 'InService').reduce((sum, member) => sum + member.weight, 0);
          const desired = Math.max(0, serving + draft.desiredOffset);
          const tags: Record<string, string> = draft.surge ? { 'instance-reaper:surge': 'true' } : {};
          if (draft.budget) tags['instance-reaper:budget'] = draft.budget.kind === 'count' ? String(draft.budget.value) : `${draft.budget.value}%`;
          const instances: InstanceSpec[] = draft.members.map((member, index) => ({ id: ids[index] ?? '', ageDays: member.ageDays }));
          return { group: { name, desired, max: desired + 8, members, tags }, instances };
        });
        const snapshot = makeFleet(entries);
        const policy = makePolicy({ maxTerminations, defaultGroupBudget: defaultBudget ?? { kind: 'count', value: 1 } });
        const { plan, evaluation } = planFor(snapshot, policy);
        const fresh = new Map(snapshot.groups.map((group, index) => [group.name, moved(group, drafts[index]?.move ?? { kind: 'none' })]));
        const guarded = guardAtWrite({ plan, evaluation, gates: gatesFor(snapshot), fresh });

        expect(guarded.terminations.length + guarded.surgeSteps.filter((step) => step.action === 'capacity-added').reduce((sum, step) => sum + step.instanceIds.length, 0)).toBeLessThanOrEqual(maxTerminations);
        for (const [name, before] of fresh) {
          const after = afterWrites(before, guarded);
          const own = guarded.terminations.filter((entry) => entry.group === name);
          // Never lowers the desired capacity: plain terminations keep it, a surge start raises it.
          expect(after.desiredCapacity).toBeGreaterThanOrEqual(before.desiredCapacity);
          if (own.length === 0) continue;
          const members = new Map(before.members.map((member) => [member.instanceId, member]));
          const victims = own.map((entry) => members.get(entry.instanceId));
          // Only InService, unprotected members of the group as it is at the write.
          for (const victim of victims) expect(victim && victim.lifecycleState === 'InService' && !victim.protectedFromScaleIn).toBe(true);
          // Never all serving capacity at once: at least one serving instance stays.
          expect(after.members.filter(isServing).length).toBeGreaterThanOrEqual(1);
          // Within the group's budget, counted on the fresh desired capacity and in its units.
          const budget = evaluation.groups.find((group) => group.group.name === name)?.settings.budget ?? policy.defaultGroupBudget;
          const units = victims.reduce((sum, victim) => sum + (victim?.weight ?? 0), 0);
          expect(budgetAllows(budget, before.desiredCapacity, { instances: own.length, units })).toBe(true);
          // What serves falls by the victims' units only, and the group was stable: at least desired less those.
          expect(servingUnits(after.members)).toBeGreaterThanOrEqual(before.desiredCapacity - units);
          if (budget.kind === 'count' && budget.value === 1) expect(servingUnits(after.members)).toBeGreaterThanOrEqual(before.desiredCapacity - Math.max(...before.members.map((member) => member.weight)));
        }
      }),
      { seed: 18, numRuns: 600 },
    );
  });
});
