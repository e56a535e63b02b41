import { z } from 'zod';
import type { Budget } from '../model/run-policy';
import { parseBudget } from '../policy/parse-budget';

export { parseBudget };

/** Event field: an integer >= 1, or a percentage string of desired capacity such as "25%". */
export const budgetSchema = z.union([
  z.number().int().min(1).transform((value): Budget => ({ kind: 'count', value })),
  z.string().transform((text, ctx): Budget => {
    const budget = parseBudget(text);
    if (budget?.kind === 'percent') return budget;
    ctx.addIssue({ code: 'custom', message: 'expected an integer >= 1 or a percentage such as "25%"' });
    return z.NEVER;
  }),
]);
