import type { Freshness, FleetEvaluation } from '../policy/evaluation';
import { DAY_MS } from '../policy/instance-age';

export interface FreshnessFigures {
  readonly oldestInstanceAgeDays: number;
  readonly instancesPastLifetime: number;
  readonly instancesOnStaleAmi: number;
  /** Share of instances that are not due, in percent (100 for an empty fleet). */
  readonly fleetWithinPolicyPercent: number;
}

export function freshnessFigures(freshness: Freshness): FreshnessFigures {
  return {
    oldestInstanceAgeDays: Math.round((freshness.oldestAgeMs / DAY_MS) * 100) / 100,
    instancesPastLifetime: freshness.pastLifetime,
    instancesOnStaleAmi: freshness.onStaleAmi,
    fleetWithinPolicyPercent:
      freshness.instances === 0 ? 100 : Math.round(((freshness.instances - freshness.due) / freshness.instances) * 10000) / 100,
  };
}

/** Freshness of every managed instance in scope, added up across groups. */
export function fleetFreshness(evaluation: FleetEvaluation): Freshness {
  const parts = evaluation.groups.map((group) => group.freshness);
  return {
    instances: parts.reduce((sum, part) => sum + part.instances, 0),
    // Reduced, not spread: Math.max(...list) overflows the stack past about 100,000 arguments.
    oldestAgeMs: parts.reduce((oldest, part) => Math.max(oldest, part.oldestAgeMs), 0),
    pastLifetime: parts.reduce((sum, part) => sum + part.pastLifetime, 0),
    onStaleAmi: parts.reduce((sum, part) => sum + part.onStaleAmi, 0),
    due: parts.reduce((sum, part) => sum + part.due, 0),
  };
}
