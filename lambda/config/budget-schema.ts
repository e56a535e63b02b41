import { z } from 'zod';
import type { Budget } from '../model/run-policy';

const PERCENT = /^(\d+(?:\.\d+)?)%$/;

/** Parses `3` or `"25%"`; undefined when the text is neither a whole number >= 1 nor a percentage in (0, 100]. */
export function parseBudget(text: string): Budget | undefined {
  const trimmed = text.trim();
  const percent = PERCENT.exec(trimmed);
  if (percent) {
    const value = Number(percent[1]);
    return value > 0 && value <= 100 ? { kind: 'percent', value } : undefined;
  }
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= 1 ? { kind: 'count', value } : undefined;
}

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
