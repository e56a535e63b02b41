import type { GroupGates, GroupMember, GroupSnapshot } from '../model/fleet';
import type { GroupEvaluation } from '../policy/evaluation';

const MINUTE_MS = 60_000;

/**
 * When the member began serving, as late as anything read says: the end of its launch activity (when the group put it
 * InService) or its LaunchTime (which a start from a warm pool moves on too). Undefined when nothing says.
 */
function servingSince(member: GroupMember, evaluation: GroupEvaluation, launchesEnded: ReadonlyMap<string, number> | undefined): number | undefined {
  const launched = evaluation.launchTimes?.get(member.instanceId);
  const ended = launchesEnded?.get(member.instanceId);
  if (launched === undefined) return ended;
  return ended === undefined ? launched : Math.max(launched, ended);
}

/**
 * Whether the group bakes: one of its InService members (other than those `leaving`) has served less than the group's
 * bake time. The newest launches are the replacements of the group's last terminations (or a scale-out's, which the
 * reaper cannot tell apart and which are just as unproven). A member whose start is unknown may have just launched, so
 * it bakes. Health behind the load balancers is not re-judged here: a member not healthy in every target holds the group
 * anyway (targets-unhealthy), and once it is, the clock has been running since it went InService.
 */
export function isBaking(evaluation: GroupEvaluation, gates: GroupGates, now: number, leaving: ReadonlySet<string>): boolean {
  const bakeMinutes = evaluation.settings.bakeMinutes;
  if (bakeMinutes === undefined || bakeMinutes <= 0) return false;
  const bakeMs = bakeMinutes * MINUTE_MS;
  const launchesEnded = gates.launchesEnded;
  return evaluation.group.members.some((member) => {
    if (member.lifecycleState !== 'InService' || leaving.has(member.instanceId)) return false;
    const since = servingSince(member, evaluation, launchesEnded);
    // Served exactly the bake time: baked.
    return since === undefined || now - since < bakeMs;
  });
}

/**
 * Whether the group, read again just before the write, has an InService member the plan did not know to serve (a
 * scale-out that went InService during the run): it has just launched, so a group with a bake time bakes. The members
 * the plan knew were judged then, and time only moves on.
 */
export function hasNewcomerBaking(planned: GroupEvaluation, fresh: GroupSnapshot): boolean {
  const known = planned.launchTimes;
  if (known === undefined) return false;
  return fresh.members.some((member) => member.lifecycleState === 'InService' && !known.has(member.instanceId));
}
