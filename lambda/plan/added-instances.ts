import type { GroupGates } from '../model/fleet';
import type { SurgeRecord } from '../policy/surge-record';

/** A member a surge added: whether it is Healthy in the group's view, and whether it serves (behind its load balancers too). */
export interface AddedInstance {
  readonly instanceId: string;
  readonly healthy: boolean;
  readonly serving: boolean;
}

/**
 * The members a surge added and that may go by ID to give its capacity back: first launched while the surge ran
 * (from its start to `launchedBy`, its timeout), not among the instances it replaces, InService, not protected, not
 * exempt. Those not serving go first, then the newest. An instance launched after the surge's time (a later
 * scale-out) was never the surge's to give back, even when its record is put back on the group by someone else.
 */
export function addedInstances(surge: SurgeRecord, gates: GroupGates, launchedBy: number): AddedInstance[] {
  const recorded = new Set(surge.state.instanceIds);
  const notServing = new Set(gates.unhealthyTargets);
  return surge.members
    .filter(
      (fact) =>
        !recorded.has(fact.member.instanceId) &&
        fact.firstLaunch !== undefined &&
        fact.firstLaunch >= surge.state.startedAt &&
        fact.firstLaunch <= launchedBy &&
        fact.member.lifecycleState === 'InService' &&
        !fact.member.protectedFromScaleIn &&
        !fact.exempt,
    )
    .map((fact) => {
      const healthy = fact.member.healthStatus === 'Healthy';
      return { fact, healthy, serving: healthy && !notServing.has(fact.member.instanceId) };
    })
    .sort((a, b) => Number(a.serving) - Number(b.serving) || (b.fact.firstLaunch ?? 0) - (a.fact.firstLaunch ?? 0))
    .map(({ fact, healthy, serving }) => ({ instanceId: fact.member.instanceId, healthy, serving }));
}
