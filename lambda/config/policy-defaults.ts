import type { Budget } from '../model/run-policy';

/**
 * The configured policy's defaults, in one place: the function takes them for an unset variable (env-schema.ts), and
 * the CDK construct deploys them for an unset prop, so the deployed environment always says what the function does.
 */
export const POLICY_DEFAULTS = {
  dryRun: false,
  maxAgeDays: 28,
  amiDrift: true,
  maxTerminationsPerGroup: { kind: 'count', value: 1 } as Budget,
  maxTerminations: 20,
  graceDays: 7,
  lifetimeJitterPercent: 0,
  surgeTimeoutMinutes: 60,
} as const;

/** A budget as its variable carries it: `3` or `25%`. */
export function formatBudget(budget: Budget): string {
  return budget.kind === 'percent' ? `${budget.value}%` : String(budget.value);
}
