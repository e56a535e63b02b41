import type { Budget } from '../../lambda/model/run-policy';
import { budgetAllows, type Taken } from '../../lambda/plan/budget';

const count = (value: number): Budget => ({ kind: 'count', value });
const percent = (value: number): Budget => ({ kind: 'percent', value });

describe('budgetAllows', () => {
  it.each<[string, Budget, number, Taken, boolean]>([
    ['count 1 of desired 10: one instance', count(1), 10, { instances: 1, units: 1 }, true],
    ['count 1 of desired 10: not two', count(1), 10, { instances: 2, units: 2 }, false],
    ['count 5 of desired 2 (more than the group): five', count(5), 2, { instances: 5, units: 5 }, true],
    ['count 2 counts instances, not units: two of weight 4', count(2), 8, { instances: 2, units: 8 }, true],
    ['25% of 10 => 3 (2.5 rounded up): three', percent(25), 10, { instances: 3, units: 3 }, true],
    ['25% of 10 => 3: not four', percent(25), 10, { instances: 4, units: 4 }, false],
    ['25% of 8 => 2 (exact)', percent(25), 8, { instances: 2, units: 2 }, true],
    ['1% of 3 => 1 (at least 1)', percent(1), 3, { instances: 1, units: 1 }, true],
    ['50% of 0 => 1 (at least 1)', percent(50), 0, { instances: 1, units: 1 }, true],
    ['100% of 7 => 7', percent(100), 7, { instances: 7, units: 7 }, true],
    ['33.3% of 3 => 1 (0.999 rounded up): not two', percent(33.3), 3, { instances: 2, units: 2 }, false],
    ['50% of 8 units: one member of weight 4', percent(50), 8, { instances: 1, units: 4 }, true],
    ['50% of 8 units: not two members of weight 4', percent(50), 8, { instances: 2, units: 8 }, false],
    ['25% of 8 units (2): one member of weight 4 still goes (a percentage always lets one instance go)', percent(25), 8, { instances: 1, units: 4 }, true],
  ])('%s', (_title, budget, desired, taken, expected) => {
    expect(budgetAllows(budget, desired, taken)).toBe(expected);
  });
});
