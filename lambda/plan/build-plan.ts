import type { GroupGates, RunError } from '../model/fleet';
import type { DeferralReason } from '../model/reasons';
import type { DeferredEntry } from '../model/report';
import type { RunPolicy } from '../model/run-policy';
import type { DueInstance, FleetEvaluation, GroupEvaluation } from '../policy/evaluation';
import type { SurgeRecord } from '../policy/surge-record';
import { fitsInTag, MAX_SURGE_INSTANCES } from '../policy/surge-state';
import { budgetAllows, NOTHING_TAKEN, plusOne, type Taken } from './budget';
import { isServing } from './capacity';
import { compareDue, wantsSurge } from './candidate';
import { groupHold, replacementProblem, windowHold } from './holds';
import type { Plan, PlannedTermination, SurgeStep } from './plan';
import { planOrderOf, type PlacingQueue, type PlanOrder, type SurgeInProgress } from './plan-order';
import { planSurgeInProgress } from './plan-surge-in-progress';

export interface PlanInput {
  readonly evaluation: FleetEvaluation;
  readonly gates: ReadonlyMap<string, GroupGates>;
  readonly policy: RunPolicy;
  readonly now: number;
  readonly scanned: { readonly groups: number; readonly instances: number };
  /** The evaluation's order (planOrderOf), when the caller plans more than once from it; worked out here otherwise. */
  readonly order?: PlanOrder;
}

interface Tally {
  readonly terminations: PlannedTermination[];
  readonly deferred: DeferredEntry[];
  readonly steps: SurgeStep[];
  readonly errors: RunError[];
  readonly takenByGroup: Map<string, GroupTake>;
  readonly surgeIds: Map<string, string[]>;
  /** Facts of each group that read every member, worked out once per group rather than once per due instance. */
  readonly groupFacts: Map<GroupEvaluation, GroupFacts>;
  /** What holds each group back, worked out once per group rather than once per due instance (it reads every member). */
  readonly groupHolds: Map<GroupEvaluation, DeferralReason | undefined>;
  /** Groups next in line whose gates are unread, in plan order. */
  readonly gatesWanted: Set<string>;
  runLeft: number;
}

/** An unread group is judged first by what needs no read (suspended processes, the AMI it launches, its members). */
const UNREAD_GATES: GroupGates = { instanceRefreshActive: false, alarmsHolding: [], alarmsUnknown: [], unhealthyTargets: [], readFailures: [] };

interface GroupFacts {
  /** Launch before terminate (a group of one, the surge tag, a maintenance policy above 100%). */
  readonly surges: boolean;
  /** Members that serve. */
  readonly serving: number;
}

/** What a group gives this run: instances and units, and how many of those served. */
interface GroupTake extends Taken {
  readonly serving: number;
}

const NOTHING: GroupTake = { ...NOTHING_TAKEN, serving: 0 };

/** Surge groups have no headroom once the added units would pass MaxSize, or the surge's record would not fit its tag. */
function headroomHold(evaluation: GroupEvaluation, take: GroupTake, due: DueInstance, input: PlanInput, tally: Tally): DeferralReason | undefined {
  const group = evaluation.group;
  const weight = due.member?.weight ?? 1;
  if (group.maxSize - group.desiredCapacity - take.units - weight < 0) return 'no-headroom';
  if (take.instances >= MAX_SURGE_INSTANCES) return 'group-budget';
  const instanceIds = [...(tally.surgeIds.get(group.name) ?? []), due.instanceId];
  const addedUnits = take.units + weight;
  const record = { startedAt: input.now, desiredCapacity: group.desiredCapacity + addedUnits, added: instanceIds.length, addedUnits, instanceIds };
  return fitsInTag(record) ? undefined : 'group-budget';
}

/**
 * The group's budget, in its units for a percentage. A termination without decrement also never takes the group's
 * last serving instance: whatever the budget, one serves while the replacements launch (a group of one surges).
 */
function budgetHold(evaluation: GroupEvaluation, take: GroupTake, due: DueInstance, tally: Tally): DeferralReason | undefined {
  const group = evaluation.group;
  if (!budgetAllows(evaluation.settings.budget, group.desiredCapacity, plusOne(take, due.member?.weight ?? 1))) return 'group-budget';
  const facts = factsOf(evaluation, tally);
  if (facts.surges || !due.member || !isServing(due.member)) return undefined;
  return facts.serving - take.serving - 1 < 1 ? 'group-budget' : undefined;
}

function factsOf(evaluation: GroupEvaluation, tally: Tally): GroupFacts {
  const known = tally.groupFacts.get(evaluation);
  if (known) return known;
  const facts = { surges: wantsSurge(evaluation), serving: evaluation.group.members.filter(isServing).length };
  tally.groupFacts.set(evaluation, facts);
  return facts;
}

/** A group that cannot launch a replacement is reported once, with the reason, so someone fixes what it launches. */
function groupHoldOf(evaluation: GroupEvaluation, input: PlanInput, tally: Tally): DeferralReason | undefined {
  // One lookup for the usual case, a group already held: asked for each of its due instances.
  const known = tally.groupHolds.get(evaluation);
  if (known !== undefined || tally.groupHolds.has(evaluation)) return known;
  const read = input.gates.get(evaluation.group.name);
  const gates = read ?? UNREAD_GATES;
  const hold = groupHold(evaluation, gates, { needsReplacement: true, now: read ? input.now : undefined });
  tally.groupHolds.set(evaluation, hold);
  if (hold === 'cannot-replace') {
    const problem = replacementProblem(evaluation, gates) ?? { code: 'cannot-replace', why: 'unknown' };
    tally.errors.push({ group: evaluation.group.name, code: problem.code, message: `the group cannot launch a replacement: ${problem.why}; its instances wait (cannot-replace) until what it launches is fixed` });
  }
  return hold;
}

/** What the group has already given this run holds the instance back: no headroom for a surge, or no budget left. */
function capacityHold(due: DueInstance, evaluation: GroupEvaluation, input: PlanInput, tally: Tally): DeferralReason | undefined {
  const take = tally.takenByGroup.get(evaluation.group.name) ?? NOTHING;
  return (factsOf(evaluation, tally).surges ? headroomHold(evaluation, take, due, input, tally) : undefined) ?? budgetHold(evaluation, take, due, tally);
}

// Runs for every due instance of the fleet, most of them held by their group or themselves: the cheapest checks first,
// and what the group has taken is looked up only for an instance that could still go.
function decide(due: DueInstance, evaluation: GroupEvaluation, ownHold: DeferralReason | undefined, input: PlanInput, tally: Tally): DeferralReason | undefined {
  const group = evaluation.group;
  const why =
    ownHold ??
    groupHoldOf(evaluation, input, tally) ??
    windowHold(due, evaluation, input.now) ??
    capacityHold(due, evaluation, input, tally) ??
    (tally.runLeft <= 0 ? 'run-budget' : undefined);
  if (why !== undefined || input.gates.has(group.name)) return why;
  // Only its gates can hold it now: the run reads them (in this order) and plans again. Provisional until then.
  tally.gatesWanted.add(group.name);
  return 'group-unstable';
}

function place(due: DueInstance, evaluation: GroupEvaluation, ownHold: DeferralReason | undefined, input: PlanInput, tally: Tally): void {
  const name = evaluation.group.name;
  const why = decide(due, evaluation, ownHold, input, tally);
  // Entries are written out, not spread from a shared one: this runs for every due instance of the fleet.
  if (why !== undefined) {
    tally.deferred.push({ instanceId: due.instanceId, group: name, reasons: due.reasons, why });
    return;
  }
  const take = tally.takenByGroup.get(name) ?? NOTHING;
  const member = due.member;
  tally.takenByGroup.set(name, { ...plusOne(take, member?.weight ?? 1), serving: take.serving + (member && isServing(member) ? 1 : 0) });
  tally.runLeft -= 1;
  if (factsOf(evaluation, tally).surges) {
    tally.surgeIds.set(name, [...(tally.surgeIds.get(name) ?? []), due.instanceId]);
    tally.deferred.push({ instanceId: due.instanceId, group: name, reasons: due.reasons, why: 'surge-pending' });
  } else {
    tally.terminations.push({ instanceId: due.instanceId, group: name, reasons: due.reasons, decrementDesiredCapacity: false, units: member?.weight ?? 1 });
  }
}

function startSurges(groups: readonly GroupEvaluation[], tally: Tally, now: number): void {
  for (const { group } of groups) {
    const instanceIds = tally.surgeIds.get(group.name);
    if (!instanceIds) continue;
    const units = tally.takenByGroup.get(group.name)?.units ?? instanceIds.length;
    const weights = Object.fromEntries(group.members.filter((member) => instanceIds.includes(member.instanceId)).map((member) => [member.instanceId, member.weight]));
    // As planned from this run's read; the guard at the write adds the same units to the group as it reads it then.
    const desiredCapacity = group.desiredCapacity + units;
    tally.steps.push({ group: group.name, action: 'capacity-added', desiredCapacity, instanceIds, startedAt: now, recordedDesiredCapacity: desiredCapacity, removeAdded: [], weights, groupArn: group.arn });
  }
}

function continueSurge(evaluation: GroupEvaluation, surge: SurgeRecord, input: PlanInput, tally: Tally): void {
  const gates = input.gates.get(evaluation.group.name);
  if (!gates) {
    // Ending a surge depends on the gates: read them first; until then its instances wait.
    tally.gatesWanted.add(evaluation.group.name);
    for (const due of evaluation.due) tally.deferred.push({ instanceId: due.instanceId, group: evaluation.group.name, reasons: due.reasons, why: 'surge-pending' });
    return;
  }
  const timeoutMs = input.policy.surgeTimeoutMinutes * 60_000;
  const outcome = planSurgeInProgress(evaluation, surge, gates, { now: input.now, timeoutMs, runBudgetLeft: tally.runLeft });
  tally.terminations.push(...outcome.terminations);
  tally.deferred.push(...outcome.deferred);
  if (outcome.step) tally.steps.push(outcome.step);
  tally.errors.push(...outcome.errors);
  tally.runLeft -= outcome.removed;
}

/**
 * Emergency first, then oldest, whether an instance waits on its own or inside a surge that is ready to
 * finish: the few surges are merged into the queue's order rather than sorted with it, which keeps the
 * sort of 100,000 due instances on their keys.
 */
function placeInOrder(queue: PlacingQueue, surges: readonly SurgeInProgress[], input: PlanInput, tally: Tally): void {
  let next = 0;
  const continueSurgesUpTo = (due?: DueInstance) => {
    for (let surge = surges[next]; surge && (!due || !surge.lead || compareDue(surge.lead.due, due) <= 0); surge = surges[++next]) {
      continueSurge(surge.evaluation, surge.surge, input, tally);
    }
  };
  // Counted, not for-of: this loop runs once per plan, largely before its function is optimized, where each step of a
  // for-of allocates its result. Every index of the order is one of the lists' (the casts only say so).
  for (let position = 0; position < queue.order.length; position++) {
    const index = queue.order[position] ?? 0;
    const due = queue.dues[index] as DueInstance;
    if (next < surges.length) continueSurgesUpTo(due);
    place(due, queue.evaluations[index] as GroupEvaluation, queue.ownHolds[index], input, tally);
  }
  continueSurgesUpTo();
}

/** Orders due instances and fits them into budgets and safety gates. Pure: evaluation, gates, policy and `now` in, plan out. */
export function buildPlan(input: PlanInput): Plan {
  const { evaluation, policy } = input;
  const tally: Tally = { terminations: [], deferred: [], steps: [], errors: [...evaluation.errors], takenByGroup: new Map(), surgeIds: new Map(), groupFacts: new Map(), groupHolds: new Map(), gatesWanted: new Set(), runLeft: policy.maxTerminations };
  const { routine, surges, queue } = input.order ?? planOrderOf(evaluation);
  for (const [group, gates] of input.gates) {
    for (const name of gates.alarmsUnknown) tally.errors.push({ group, code: 'alarm-unknown', message: `alarm ${name} does not exist; the group terminates nothing while it is named` });
    for (const { code, message } of gates.readFailures) tally.errors.push({ group, code, message: `${message}; the group is held until it can be read` });
  }
  placeInOrder(queue, surges, input, tally);
  startSurges(routine, tally, input.now);

  return {
    dryRun: policy.dryRun,
    scanned: input.scanned,
    terminations: tally.terminations,
    surgeSteps: tally.steps,
    gatesWanted: [...tally.gatesWanted],
    deferred: tally.deferred,
    unmanaged: evaluation.unmanaged.map((due) => ({ instanceId: due.instanceId, reasons: due.reasons })),
    errors: tally.errors,
  };
}
