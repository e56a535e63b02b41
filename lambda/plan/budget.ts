import type { Budget } from '../model/run-policy';

/** A budget as a count: a percentage is of desired capacity, rounded up, at least 1. */
export function budgetCount(budget: Budget, desiredCapacity: number): number {
  if (budget.kind === 'count') return budget.value;
  return Math.max(1, Math.ceil((desiredCapacity * budget.value) / 100));
}
