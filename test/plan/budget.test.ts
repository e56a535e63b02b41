import type { Budget } from '../../lambda/model/run-policy';
import { budgetCount } from '../../lambda/plan/budget';

describe('budgetCount', () => {
  it.each<[string, Budget, number, number]>([
    ['count 1 of desired 10', { kind: 'count', value: 1 }, 10, 1],
    ['count 5 of desired 2 (more than the group)', { kind: 'count', value: 5 }, 2, 5],
    ['25% of 10 => 3 (2.5 rounded up)', { kind: 'percent', value: 25 }, 10, 3],
    ['25% of 8 => 2 (exact)', { kind: 'percent', value: 25 }, 8, 2],
    ['1% of 3 => 1 (at least 1)', { kind: 'percent', value: 1 }, 3, 1],
    ['50% of 0 => 1 (at least 1)', { kind: 'percent', value: 50 }, 0, 1],
    ['100% of 7 => 7', { kind: 'percent', value: 100 }, 7, 7],
    ['33.3% of 3 => 1 (0.999 rounded up)', { kind: 'percent', value: 33.3 }, 3, 1],
  ])('%s', (_title, budget, desired, expected) => {
    expect(budgetCount(budget, desired)).toBe(expected);
  });
});
