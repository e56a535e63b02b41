import * as z from 'zod/v4-mini';
import type { Budget } from '../model/run-policy';
import { parseBudget } from '../policy/parse-budget';

export { parseBudget };

const BUDGET_EXPECTED = 'expected an integer >= 1 or a percentage such as "25%"';

/** Event field: an integer >= 1, or a percentage string of desired capacity such as "25%". */
export const budgetSchema = z.pipe(
  z.union([z.number().check(z.int(), z.minimum(1)), z.string()], { error: BUDGET_EXPECTED }),
  z.transform((value, ctx): Budget => {
    if (typeof value === 'number') return { kind: 'count', value };
    const budget = parseBudget(value);
    if (budget?.kind === 'percent') return budget;
    ctx.issues.push({ code: 'custom', message: BUDGET_EXPECTED, input: value });
    return z.NEVER;
  }),
);
