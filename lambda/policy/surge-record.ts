import type { FleetSnapshot, GroupMember, GroupSnapshot, SurgeProofCheck } from '../model/fleet';
import { firstLaunchTime } from './instance-age';
import { MAX_SURGE_INSTANCES, parseSurgeState, type SurgeState } from './surge-state';
import { isTrueTag, TAG } from './tag-keys';

/** A group member with what ending a surge needs to know of it. */
export interface MemberFact {
  readonly member: GroupMember;
  readonly firstLaunch?: number;
  /** Carries `instance-reaper:exempt=true` itself. */
  readonly exempt: boolean;
}

/** A surge under way, as recorded in the group's surge-state tag and checked against the group. */
export interface SurgeRecord {
  readonly state: SurgeState;
  readonly members: readonly MemberFact[];
  /** Recorded instances EC2 no longer lists at all (terminated since, e.g. by a scale-in): the surge can then only end. */
  readonly departed: readonly string[];
  /** The group's ARN, which the record's proof is bound to: a rewritten record is signed for it again. */
  readonly groupArn?: string;
}

/** Clocks of AWS and the function agree closely; a start further ahead than this was not written by a run. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** What in the recorded state the reaper could not have written, or undefined when it all holds. */
function forgery(state: SurgeState, group: GroupSnapshot, snapshot: FleetSnapshot, now: number): string | undefined {
  const memberIds = new Set(group.members.map((member) => member.instanceId));
  if (state.instanceIds.length !== state.added) return `it lists ${state.instanceIds.length} instance(s) but added=${state.added}`;
  if (new Set(state.instanceIds).size !== state.instanceIds.length) return 'it lists an instance twice';
  if (state.added < 1 || state.added > MAX_SURGE_INSTANCES) return `added=${state.added} is outside 1-${MAX_SURGE_INSTANCES}`;
  // Every instance counts for at least one unit: a run records the units it added, never fewer than the instances.
  if (state.addedUnits < state.added) return `units=${state.addedUnits} is less than its ${state.added} instance(s)`;
  if (state.desiredCapacity < state.addedUnits + 1) return `desired=${state.desiredCapacity} leaves no instance to replace`;
  if (state.startedAt > now + CLOCK_SKEW_MS) return 'it starts in the future';
  // A live instance outside the group was never this group's to replace (a tag copied from another group).
  const strangers = state.instanceIds.filter((id) => !memberIds.has(id) && snapshot.instances.has(id));
  if (strangers.length > 0) return `${strangers.join(', ')} ${strangers.length === 1 ? 'is' : 'are'} not a member of the group`;
  return undefined;
}

/**
 * Why the record's proof of authorship does not hold, or undefined when it verified. Fields a forger controls prove
 * nothing: only a MAC from the key the function's role alone may use does (contract section 9). No check (no key, or
 * one not read) is no proof.
 */
function unproven(group: GroupSnapshot): SurgeProofCheck | undefined {
  const check = group.surgeProof ?? { verdict: 'unverified', why: 'its proof was not checked' };
  return check.verdict === 'valid' ? undefined : check;
}

const DELETE_TAGS = `Delete the tags ${TAG.surgeState} and ${TAG.surgeProof} once the group is as it should be`;

/**
 * Reads and checks the group's surge-state tag: undefined when there is none; an error when it does not parse, holds
 * what a run could not have written, or lacks a valid proof that a run wrote it (the group is then left alone). Pure.
 */
export function readSurgeRecord(group: GroupSnapshot, snapshot: FleetSnapshot, now: number): SurgeRecord | { error: string } | undefined {
  const tag = group.tags[TAG.surgeState];
  if (tag === undefined) return undefined;
  const state = parseSurgeState(tag);
  if (!state) return { error: `tag ${TAG.surgeState}="${tag}" is malformed` };
  // Every reason is named: a consistent record is refused for its proof alone, an inconsistent one for both.
  const why = forgery(state, group, snapshot, now);
  const proof = unproven(group);
  const invalid = proof?.verdict === 'invalid' ? proof.why : undefined;
  if (why !== undefined || invalid !== undefined) {
    const reasons = [why, invalid].filter((reason) => reason !== undefined).join('; ');
    return { error: `tag ${TAG.surgeState}="${tag}" was not written by a run of the reaper: ${reasons}. ${DELETE_TAGS}` };
  }
  if (proof?.verdict === 'unverified') {
    return { error: `tag ${TAG.surgeState}="${tag}" could not be verified as written by a run of the reaper: ${proof.why}; the group is held until it can be` };
  }
  const members = group.members.map((member): MemberFact => {
    const instance = snapshot.instances.get(member.instanceId);
    return { member, firstLaunch: instance ? firstLaunchTime(instance) : undefined, exempt: isTrueTag(instance?.tags[TAG.exempt]) };
  });
  const memberIds = new Set(group.members.map((member) => member.instanceId));
  return { state, members, departed: state.instanceIds.filter((id) => !memberIds.has(id)), groupArn: group.arn };
}
