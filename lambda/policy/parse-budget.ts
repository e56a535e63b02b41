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
