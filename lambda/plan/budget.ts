import type { Budget } from '../model/run-policy';

/** What a group has given, or would give, this run: instances, and the capacity units they count for. */
export interface Taken {
  readonly instances: number;
  readonly units: number;
}

export const NOTHING_TAKEN: Taken = { instances: 0, units: 0 };

/** `taken` plus one member of `weight` units. */
export const plusOne = (taken: Taken, weight: number): Taken => ({ instances: taken.instances + 1, units: taken.units + weight });

/**
 * Whether the budget allows taking `taken` from a group of `desiredCapacity` units. A count is of instances; a
 * percentage is of the desired capacity in the group's units, rounded up, and always lets one instance go.
 */
export function budgetAllows(budget: Budget, desiredCapacity: number, taken: Taken): boolean {
  if (budget.kind === 'count') return taken.instances <= budget.value;
  return taken.instances <= 1 || taken.units <= percentUnits(budget.value, desiredCapacity);
}

/** A percentage of the desired capacity in units, rounded up, at least 1. */
export function percentUnits(percent: number, desiredCapacity: number): number {
  return Math.max(1, Math.ceil((desiredCapacity * percent) / 100));
}
