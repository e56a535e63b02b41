import type { FleetSnapshot, GroupMember, GroupSnapshot, InstanceSnapshot, RunError } from '../model/fleet';
import { EMERGENCY_REASONS, type ReasonCode } from '../model/reasons';
import type { RunPolicy } from '../model/run-policy';
import type { DueInstance, FleetEvaluation, Freshness, GroupEvaluation } from './evaluation';
import { resolveGroupSettings, type GroupSettings } from './group-settings';
import { DAY_MS, firstLaunchTime } from './instance-age';
import { jitteredLifetimeMs } from './jitter';
import { launchProblem } from './launch-problem';
import { Membership, type NoteMember } from './membership';
import { dueReasons } from './reason-rules';
import { isRetained } from './retained';
import type { RuleInput } from './rules/rule';
import { readSurgeRecord } from './surge-record';
import { isMalformedBooleanTag, isTrueTag, TAG } from './tag-keys';
import { LocalClocks } from './windows';

/** Reasons that count an instance as on a stale AMI in the freshness figures (and in `status --org`). */
export const STALE_AMI_REASONS: ReadonlySet<ReasonCode> = new Set(['ami-age', 'ami-deprecated', 'ami-missing', 'ami-drift', 'ami-blocked']);

// The tag's key read once, not for each instance: run from the sources (tsx, as the bench does), every read of
// another module's export is a getter call.
const EXEMPT_TAG = TAG.exempt;

// Predicates made once, not an arrow per call: they are asked about every due instance of the fleet.
const isEmergencyReason = (reason: ReasonCode): boolean => EMERGENCY_REASONS.has(reason);
const isStaleAmiReason = (reason: ReasonCode): boolean => STALE_AMI_REASONS.has(reason);

/** The rules' input with its fields writable: one per evaluation, filled in for each instance in turn. */
type ReusedRuleInput = { -readonly [Field in keyof RuleInput]: RuleInput[Field] };

interface JudgeContext {
  readonly snapshot: FleetSnapshot;
  readonly policy: RunPolicy;
  readonly blockedAmiIds: ReadonlySet<string>;
  readonly now: number;
  readonly ruleInput: ReusedRuleInput;
}

/** Stands in for the instance until the first is judged. */
const NO_INSTANCE: InstanceSnapshot = { instanceId: '', state: '', tags: {} };

function judgeContext(snapshot: FleetSnapshot, policy: RunPolicy, now: number): JudgeContext {
  const blockedAmiIds = new Set([...policy.blockedAmiIds, ...snapshot.blockedAmiIds]);
  // Every field is set here, so the object keeps one shape however often its fields change.
  const ruleInput: ReusedRuleInput = { instance: NO_INSTANCE, image: undefined, firstLaunch: undefined, lifetimeMs: 0, launchImageId: undefined, rotateBefore: undefined, blockedAmiIds, targetedIds: new Set(policy.targetedInstanceIds), policy, now };
  return { snapshot, policy, now, blockedAmiIds, ruleInput };
}

/**
 * What judging depends on besides the instance: the group's lifetime, grace and rotation, or the run's for unmanaged
 * instances. In milliseconds, worked out once per group rather than for each of its instances.
 */
interface JudgeScope {
  /** Before jitter. */
  readonly lifetimeMs: number;
  readonly graceMs: number;
  readonly rotateBefore?: number;
}

const judgeScope = (maxAgeDays: number, graceDays: number, rotateBefore?: number): JudgeScope => ({ lifetimeMs: maxAgeDays * DAY_MS, graceMs: graceDays * DAY_MS, rotateBefore });

// Called once per instance. The rules' input is the context's, rewritten rather than allocated for each of 100,000
// instances: the rules are pure and synchronous and keep nothing of it.
function judge(instance: InstanceSnapshot, firstLaunch: number | undefined, context: JudgeContext, scope: JudgeScope, launchImageId?: string, member?: GroupMember): DueInstance | undefined {
  const { policy, now } = context;
  const lifetimeMs = jitteredLifetimeMs(scope.lifetimeMs, instance.instanceId, policy.lifetimeJitterPercent);
  const image = instance.imageId === undefined ? undefined : context.snapshot.images.get(instance.imageId);
  const input = context.ruleInput;
  input.instance = instance;
  input.image = image;
  input.firstLaunch = firstLaunch;
  input.lifetimeMs = lifetimeMs;
  input.launchImageId = launchImageId;
  input.rotateBefore = scope.rotateBefore;
  const reasons = dueReasons(input);
  if (reasons.length === 0) return undefined;
  const ageMs = ageOf(firstLaunch, now);
  return {
    instanceId: instance.instanceId,
    reasons,
    ageMs,
    lifetimeMs,
    imageId: instance.imageId,
    emergency: reasons.some(isEmergencyReason),
    pastDeadline: ageMs > lifetimeMs + scope.graceMs,
    exempt: isTrueTag(instance.tags[EXEMPT_TAG]),
    member,
  };
}

const ageOf = (firstLaunch: number | undefined, now: number): number => (firstLaunch === undefined ? 0 : now - firstLaunch);

function launchImageFor(group: GroupSnapshot, member: GroupMember, instance: InstanceSnapshot): string | undefined {
  const images = group.launchImages;
  const type = member.instanceType ?? instance.instanceType;
  return (type === undefined ? undefined : images?.imageIdByInstanceType[type]) ?? images?.imageId;
}

const isOnStaleAmi = (reasons: readonly ReasonCode[]): boolean => reasons.some(isStaleAmiReason);

interface JudgedGroup {
  readonly evaluation: Omit<GroupEvaluation, 'surge'>;
  /** Members whose exempt tag does not parse: the whole group is left alone, as for a malformed group tag. */
  readonly malformed: readonly RunError[];
  /** InService members EC2 did not describe, and retained members: reported, the group goes on. */
  readonly undescribed: readonly RunError[];
}

// One pass over the members, counting as it judges: no verdict is kept for the instances that are not due, most of a
// large fleet, and each instance is looked up once. Loops, not spreads: Math.max(...ages) overflows the stack for a
// group of a few hundred thousand members.
function judgeGroup(group: GroupSnapshot, settings: GroupSettings, context: JudgeContext, noteMember: NoteMember): JudgedGroup {
  const scope = judgeScope(settings.maxAgeDays, settings.graceDays, settings.rotateBefore);
  const due: DueInstance[] = [];
  const malformed: RunError[] = [];
  const undescribed: RunError[] = [];
  const retained: RunError[] = [];
  let instances = 0;
  let oldestAgeMs = 0;
  let pastLifetime = 0;
  let onStaleAmi = 0;
  // Kept only for a group with a bake time: most groups have none, and a large one has many members.
  const launchTimes = settings.bakeMinutes === undefined ? undefined : new Map<string, number | undefined>();
  for (const member of group.members) {
    if (isRetained(member)) retained.push(retainedError(group.name, member));
    const instance = context.snapshot.instances.get(member.instanceId);
    noteMember(member.instanceId, instance);
    if (launchTimes && member.lifecycleState === 'InService') launchTimes.set(member.instanceId, instance?.launchTime);
    if (!instance) {
      if (member.lifecycleState === 'InService') {
        undescribed.push({ group: group.name, instanceId: member.instanceId, code: 'read-failed', message: 'instance is InService but EC2 did not describe it' });
      }
      continue;
    }
    const exemptTag = instance.tags[EXEMPT_TAG];
    if (isMalformedBooleanTag(exemptTag)) {
      malformed.push({ group: group.name, instanceId: member.instanceId, code: 'tag-malformed', message: `tag ${TAG.exempt}="${exemptTag}": expected true or false; group left alone this run` });
    }
    const firstLaunch = firstLaunchTime(instance);
    const judged = judge(instance, firstLaunch, context, scope, launchImageFor(group, member, instance), member);
    instances += 1;
    oldestAgeMs = Math.max(oldestAgeMs, ageOf(firstLaunch, context.now));
    if (!judged) continue;
    due.push(judged);
    if (judged.reasons.includes('max-age')) pastLifetime += 1;
    if (isOnStaleAmi(judged.reasons)) onStaleAmi += 1;
  }
  const freshness: Freshness = { instances, oldestAgeMs, pastLifetime, onStaleAmi, due: due.length };
  const evaluation = { group, settings, due, freshness, launchProblem: launchProblem(group, context.snapshot.images), ...(launchTimes ? { launchTimes } : {}) };
  return { evaluation, malformed, undescribed: [...undescribed, ...retained] };
}

/** A retained member holds nothing (it is not serving and not moving); an operator decides what becomes of it. */
function retainedError(group: string, member: GroupMember): RunError {
  return { group, instanceId: member.instanceId, code: 'instance-retained', message: `instance is ${member.lifecycleState}: an instance lifecycle policy retained it; it no longer counts toward the group's capacity and the rest of the group goes on. Terminate it once it is no longer needed` };
}

/**
 * Instances that no group lists. Membership is what the groups list, not the `aws:autoscaling:groupName` tag, which a
 * detached instance keeps; warm-pool instances carry it too but belong to their group's pool.
 */
function evaluateUnmanaged(context: JudgeContext, membership: Membership): { unmanaged: DueInstance[]; judged: number } {
  const { policy } = context;
  const scope = judgeScope(policy.maxAgeDaysOverride ?? policy.defaultMaxAgeDays, policy.defaultGraceDays);
  const unmanaged: DueInstance[] = [];
  let judged = 0;
  // forEach, not for-of: this runs once per evaluation, largely before its function is optimized, where each step of a
  // for-of over the fleet's instances allocates its result.
  context.snapshot.instances.forEach((instance) => {
    if (membership.lists(instance.instanceId, instance) || context.snapshot.warmPoolInstanceIds.has(instance.instanceId)) return;
    if (instance.state !== 'running' && instance.state !== 'stopped') return;
    judged += 1;
    const due = judge(instance, firstLaunchTime(instance), context, scope);
    if (due) unmanaged.push(due);
  });
  return { unmanaged, judged };
}

/** Targeted instances the run cannot act on: not found, or in no group considered this run. */
function targetsOutOfReach(snapshot: FleetSnapshot, policy: RunPolicy, membership: Membership): RunError[] {
  return policy.targetedInstanceIds.flatMap((instanceId): RunError[] => {
    if (membership.lists(instanceId, snapshot.instances.get(instanceId))) return [];
    const instance = snapshot.instances.get(instanceId);
    if (!instance) return [{ instanceId, code: 'not-found', message: 'targeted instance not found' }];
    // Not limited to groups: an instance no group lists is judged as unmanaged (and reported there when due).
    if (!snapshot.limitedToGroups) return [];
    const group = instance.tags[TAG.autoScalingGroupName];
    const where = group === undefined ? 'in no Auto Scaling group' : `in group ${group}, which is not considered this run`;
    return [{ instanceId, code: 'not-found', message: `targeted instance is ${where}; left alone` }];
  });
}

/** Judges every instance of the fleet: which are due and why. Pure: the snapshot, the policy and `now` in, verdicts out. */
export function evaluateFleet(snapshot: FleetSnapshot, policy: RunPolicy, now: number): FleetEvaluation {
  const context = judgeContext(snapshot, policy, now);
  const errors: RunError[] = [...snapshot.errors];
  const groups: GroupEvaluation[] = [];
  const membership = new Membership();
  const clocks = new LocalClocks();
  for (const group of snapshot.groups) {
    const settings = resolveGroupSettings(group, policy, now, clocks);
    if ('error' in settings) {
      errors.push({ group: group.name, code: 'tag-malformed', message: `${settings.error}; group left alone this run` });
      continue;
    }
    const judged = judgeGroup(group, settings, context, membership.noteFor(group));
    if (judged.malformed.length > 0) {
      errors.push(...judged.malformed);
      continue;
    }
    // An exempt group is touched in no way, not even to finish a surge: its tag is not read.
    const surge = settings.exempt ? undefined : readSurgeRecord(group, snapshot, now);
    if (surge && 'error' in surge) {
      errors.push({ group: group.name, code: 'state-refused', message: `${surge.error}; group left alone this run` });
      continue;
    }
    errors.push(...judged.undescribed);
    // Written out, not spread: spreading takes V8's slow path, once for each of the fleet's groups.
    const { due, freshness, launchProblem, launchTimes } = judged.evaluation;
    groups.push({ group, settings, due, freshness, launchProblem, surge, launchTimes });
  }
  membership.noteTheRest(snapshot.groups, snapshot.instances);
  errors.push(...targetsOutOfReach(snapshot, policy, membership));
  const { unmanaged, judged } = snapshot.limitedToGroups ? { unmanaged: [], judged: 0 } : evaluateUnmanaged(context, membership);
  const members = groups.reduce((sum, group) => sum + group.freshness.instances, 0);
  return { groups, unmanaged, scannedInstances: members + judged, errors };
}
