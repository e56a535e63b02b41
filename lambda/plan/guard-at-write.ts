import type { GroupGates, GroupMember, GroupSnapshot, ReadFailure, RunError } from '../model/fleet';
import type { DeferralReason } from '../model/reasons';
import type { DeferredEntry } from '../model/report';
import type { FleetEvaluation, GroupEvaluation } from '../policy/evaluation';
import { isTrueTag, TAG, TAG_PREFIX } from '../policy/tag-keys';
import { budgetAllows, NOTHING_TAKEN, plusOne, type Taken } from './budget';
import { hasNewcomerBaking } from './bake';
import { isServing } from './capacity';
import { isGroupStable, processesSuspended } from './holds';
import { unitsNamed, type Plan, type PlannedTermination, type SurgeStep } from './plan';

export interface WriteGuardInput {
  readonly plan: Plan;
  readonly evaluation: FleetEvaluation;
  readonly gates: ReadonlyMap<string, GroupGates>;
  /** The groups the plan acts on, read again just before the first write; a group absent here no longer exists. */
  readonly fresh: ReadonlyMap<string, GroupSnapshot>;
  /** Set when the fresh read failed: then no group acts, and this is the run's error. */
  readonly failure?: ReadFailure;
}

/** The group's reaper tags as one comparable text. */
const reaperTags = (group: GroupSnapshot): string =>
  JSON.stringify(Object.entries(group.tags).filter(([key]) => key.startsWith(TAG_PREFIX)).sort(([a], [b]) => (a < b ? -1 : 1)));

const memberState = (member: GroupMember): string =>
  `${member.instanceId}:${member.lifecycleState}:${member.healthStatus}:${member.protectedFromScaleIn}:${member.weight}`;

/** Whether anything the plan rests on moved: desired capacity, members (and their states), the reaper's tags. */
function changed(planned: GroupSnapshot, fresh: GroupSnapshot): boolean {
  if (planned.desiredCapacity !== fresh.desiredCapacity || planned.maxSize !== fresh.maxSize || planned.status !== fresh.status) return true;
  if (planned.suspendedProcesses.join() !== fresh.suspendedProcesses.join()) return true;
  if (planned.members.map(memberState).sort().join() !== fresh.members.map(memberState).sort().join()) return true;
  return reaperTags(planned) !== reaperTags(fresh);
}

/** What holds the whole group on its fresh state, before any instance is looked at. */
function freshGroupHold(planned: GroupEvaluation, fresh: GroupSnapshot, gates: GroupGates | undefined): DeferralReason | undefined {
  if (isTrueTag(fresh.tags[TAG.exempt])) return 'exempt';
  if (processesSuspended(fresh)) return 'processes-suspended';
  // Tags are the group's policy: a plan made under other tags waits for a run that reads these.
  if (reaperTags(planned.group) !== reaperTags(fresh)) return 'group-unstable';
  if (!gates || !isGroupStable(fresh, gates)) return 'group-unstable';
  return hasNewcomerBaking(planned, fresh) ? 'baking' : undefined;
}

/** Still a member, InService and not protected from scale-in on the fresh read. */
function memberHold(member: GroupMember | undefined): DeferralReason | undefined {
  if (member?.lifecycleState !== 'InService') return 'not-in-service';
  return member.protectedFromScaleIn ? 'protected' : undefined;
}

/** The budget on the fresh desired capacity; and the group's last serving instance always stays. */
function capacityHold(planned: GroupEvaluation, fresh: GroupSnapshot, serving: number, taken: Taken, member: GroupMember | undefined): DeferralReason | undefined {
  const weight = member?.weight ?? 1;
  if (!budgetAllows(planned.settings.budget, fresh.desiredCapacity, plusOne(taken, weight))) return 'group-budget';
  return serving - taken.instances - 1 < 1 ? 'group-budget' : undefined;
}

/** Terminations without decrement that are still safe on the fresh state, in plan order; the others wait, with why. */
function guardTerminations(planned: GroupEvaluation, fresh: GroupSnapshot, gates: GroupGates | undefined, terminations: readonly PlannedTermination[]) {
  const hold = freshGroupHold(planned, fresh, gates);
  const kept: PlannedTermination[] = [];
  const waiting: { readonly termination: PlannedTermination; readonly why: DeferralReason }[] = [];
  const members = new Map(fresh.members.map((member) => [member.instanceId, member]));
  const serving = fresh.members.filter(isServing).length;
  let taken: Taken = NOTHING_TAKEN;
  for (const termination of terminations) {
    const member = members.get(termination.instanceId);
    const why = hold ?? memberHold(member) ?? capacityHold(planned, fresh, serving, taken, member);
    if (why !== undefined || !member) {
      waiting.push({ termination, why: why ?? 'not-in-service' });
      continue;
    }
    kept.push({ ...termination, units: member.weight });
    taken = plusOne(taken, member.weight);
  }
  return { kept, waiting };
}

/** A surge's start on the fresh state: the capacity it adds on top of the desired capacity now, or why it waits. */
function guardSurgeStart(planned: GroupEvaluation, fresh: GroupSnapshot, gates: GroupGates | undefined, step: SurgeStep): SurgeStep | DeferralReason {
  const hold = freshGroupHold(planned, fresh, gates);
  if (hold) return hold;
  const members = new Map(fresh.members.map((member) => [member.instanceId, member]));
  for (const id of step.instanceIds) {
    const why = memberHold(members.get(id));
    if (why) return why;
  }
  const desiredCapacity = fresh.desiredCapacity + unitsNamed(step, step.instanceIds);
  if (desiredCapacity > fresh.maxSize) return 'no-headroom';
  return { ...step, desiredCapacity, recordedDesiredCapacity: desiredCapacity };
}

/**
 * Holds the plan to the groups as they are just before the first write (contract section 9): a group that did not
 * change goes ahead as planned; one whose desired capacity, members or reaper tags changed does only what is still
 * safe on its new state (plain terminations and a surge's start are judged again; a surge's end waits for the next
 * run), and every action dropped waits with its why. Pure: it only ever removes or narrows actions.
 */
/** The groups the plan writes to: those with a termination or a surge step. */
export const actingGroups = (plan: Plan): string[] => [...new Set([...plan.terminations.map((termination) => termination.group), ...plan.surgeSteps.map((step) => step.group)])];

export function guardAtWrite({ plan, evaluation, gates, fresh, failure }: WriteGuardInput): Plan {
  const acting = new Set(actingGroups(plan));
  const byName = new Map(evaluation.groups.filter((group) => acting.has(group.group.name)).map((group) => [group.group.name, group]));
  const terminations: PlannedTermination[] = [];
  const surgeSteps: SurgeStep[] = [];
  const deferred: DeferredEntry[] = [];
  const rewhy = new Map<string, DeferralReason>();
  const errors: RunError[] = [...plan.errors, ...(failure ? [failure] : [])];
  for (const name of acting) {
    const planned = byName.get(name);
    const now = fresh.get(name);
    const own = plan.terminations.filter((termination) => termination.group === name);
    const steps = plan.surgeSteps.filter((step) => step.group === name);
    if (!planned || !now) {
      if (!failure) errors.push({ group: name, code: 'not-found', message: 'the group was not found when read again just before the first write; nothing done there' });
      for (const termination of own) deferred.push({ instanceId: termination.instanceId, group: name, reasons: termination.reasons, why: 'group-unstable' });
      for (const step of steps) if (step.action === 'capacity-added') for (const id of step.instanceIds) rewhy.set(id, 'group-unstable');
      continue;
    }
    const unchanged = !changed(planned.group, now);
    for (const step of steps) {
      if (step.action !== 'capacity-added') {
        // Ending a surge rests on the exact state it was planned on; its instances already wait as surge-pending.
        if (unchanged) surgeSteps.push(step);
        continue;
      }
      const started = guardSurgeStart(planned, now, gates.get(name), step);
      if (typeof started === 'string') for (const id of step.instanceIds) rewhy.set(id, started);
      else surgeSteps.push(started);
    }
    const completing = steps.some((step) => step.action === 'completed');
    if (completing) {
      if (unchanged) terminations.push(...own);
      continue;
    }
    const { kept, waiting } = guardTerminations(planned, now, gates.get(name), own);
    terminations.push(...kept);
    for (const { termination, why } of waiting) deferred.push({ instanceId: termination.instanceId, group: name, reasons: termination.reasons, why });
  }
  const kept = new Map(terminations.map((termination) => [termination.instanceId, termination]));
  const ordered = plan.terminations.flatMap((termination) => kept.get(termination.instanceId) ?? []);
  const earlier = rewhy.size === 0 ? plan.deferred : plan.deferred.map((entry) => ({ ...entry, why: rewhy.get(entry.instanceId) ?? entry.why }));
  return { ...plan, terminations: ordered, surgeSteps, deferred: [...earlier, ...deferred], errors };
}
