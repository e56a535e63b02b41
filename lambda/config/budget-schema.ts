import type { Budget } from '../model/run-policy';
import type { Check } from './checks';

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

/**
 * Event field: an integer >= 1, or a percentage string of desired capacity such as "25%".
 * A string that is no percentage gets its own message; any other value is "Invalid input" (zod's union wording).
 */
export const budgetSchema: Check<Budget> = (value, path, issues) => {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return { kind: 'count', value };
  if (typeof value !== 'string') return issues.fail(path, 'Invalid input');
  const budget = parseBudget(value);
  return budget?.kind === 'percent' ? budget : issues.fail(path, 'expected an integer >= 1 or a percentage such as "25%"');
};
