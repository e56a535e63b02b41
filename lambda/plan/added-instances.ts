import type { GroupGates } from '../model/fleet';
import type { SurgeRecord } from '../policy/surge-record';

/**
 * The members a surge added and that may go by ID to give its capacity back: first launched since the surge started,
 * not among the instances it replaces, InService, not protected, not exempt. Those not serving go first (unhealthy in
 * the group or behind its load balancers), then the newest.
 */
export function addedInstances(surge: SurgeRecord, gates: GroupGates): string[] {
  const recorded = new Set(surge.state.instanceIds);
  const notServing = new Set(gates.unhealthyTargets);
  const serving = (fact: SurgeRecord['members'][number]) => (fact.member.healthStatus === 'Healthy' && !notServing.has(fact.member.instanceId) ? 1 : 0);
  return surge.members
    .filter(
      (fact) =>
        !recorded.has(fact.member.instanceId) &&
        fact.firstLaunch !== undefined &&
        fact.firstLaunch >= surge.state.startedAt &&
        fact.member.lifecycleState === 'InService' &&
        !fact.member.protectedFromScaleIn &&
        !fact.exempt,
    )
    .sort((a, b) => serving(a) - serving(b) || (b.firstLaunch ?? 0) - (a.firstLaunch ?? 0))
    .map((fact) => fact.member.instanceId);
}
