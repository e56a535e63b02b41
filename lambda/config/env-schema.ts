import type { Budget } from '../model/run-policy';
import { parseBudget } from './budget-schema';
import { INVALID, number, typeMessage, type Check, type Invalid, type Shape } from './checks';

/** The configured policy, from REAPER_* environment variables. */
export interface ReaperEnv {
  REAPER_DRY_RUN: boolean;
  REAPER_MAX_AGE_DAYS: number;
  REAPER_AMI_MAX_AGE_DAYS?: number;
  REAPER_AMI_DRIFT: boolean;
  REAPER_MAX_TERMINATIONS_PER_GROUP: Budget;
  REAPER_MAX_TERMINATIONS: number;
  REAPER_BLOCKED_AMIS_PARAMETER?: string;
  REAPER_ALARM_NAMES: string[];
  REAPER_WINDOW?: string;
  REAPER_GRACE_DAYS: number;
  REAPER_LIFETIME_JITTER_PERCENT: number;
  REAPER_SURGE_TIMEOUT_MINUTES: number;
  REAPER_TOPIC_ARN?: string;
}

const isUnset = (value: unknown): boolean => value === undefined || (typeof value === 'string' && value.trim() === '');

/** An unset or blank variable takes the documented default. */
const withDefault =
  <T>(check: Check<T>, fallback: T): Check<T> =>
  (value, path, issues) =>
    isUnset(value) ? fallback : check(value, path, issues);

/** An unset or blank variable is undefined. */
const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (value, path, issues) =>
    isUnset(value) ? undefined : check(value, path, issues);

/** A variable's text, given to `read`; a variable that is not text at all is refused as zod refused it. */
const fromText =
  <T>(read: (text: string, fail: (message: string) => Invalid) => T | Invalid): Check<T> =>
  (value, path, issues) =>
    typeof value === 'string' ? read(value, (message) => issues.fail(path, message)) : issues.fail(path, typeMessage('string', value));

const numberText = (min: number, max = Number.POSITIVE_INFINITY, integer = false): Check<number> => {
  const bounds = number({ min, max });
  const pattern = integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
  return (value, path, issues) => {
    if (typeof value !== 'string') return issues.fail(path, typeMessage('string', value));
    const trimmed = value.trim();
    if (!pattern.test(trimmed)) return issues.fail(path, integer ? 'expected a whole number' : 'expected a number');
    return bounds(Number(trimmed), path, issues);
  };
};

const booleanText = fromText((text, fail) => {
  const word = text.trim().toLowerCase();
  return word === 'true' || word === 'false' ? word === 'true' : fail('expected true or false');
});

const budgetText = fromText((text, fail) => parseBudget(text) ?? fail('expected a whole number >= 1 or a percentage such as 25%'));

const listText = fromText((text) => text.split(',').map((item) => item.trim()).filter(Boolean));

const optionalText = optional(fromText((text) => text.trim()));

/** Every variable is read; other variables are ignored. A variable that is set (even blank) keeps its key. */
function envObject<S extends Shape>(shape: S): Check<{ [K in keyof S]: Exclude<ReturnType<S[K]>, Invalid> }> {
  return (value, path, issues) => {
    const env = (value ?? {}) as Record<string, unknown>;
    const fields: Record<string, unknown> = {};
    let valid = true;
    for (const [key, check] of Object.entries(shape)) {
      const checked = check(env[key], [...path, key], issues);
      if (checked === INVALID) valid = false;
      else if (checked !== undefined || key in env) fields[key] = checked;
    }
    return valid ? (fields as { [K in keyof S]: Exclude<ReturnType<S[K]>, Invalid> }) : INVALID;
  };
}

/** The configured policy, from REAPER_* environment variables. Defaults are the documented ones. */
export const envSchema: Check<ReaperEnv> = envObject({
  REAPER_DRY_RUN: withDefault(booleanText, false),
  REAPER_MAX_AGE_DAYS: withDefault(numberText(0), 28),
  REAPER_AMI_MAX_AGE_DAYS: optional(numberText(0)),
  REAPER_AMI_DRIFT: withDefault(booleanText, true),
  REAPER_MAX_TERMINATIONS_PER_GROUP: withDefault<Budget>(budgetText, { kind: 'count', value: 1 }),
  REAPER_MAX_TERMINATIONS: withDefault(numberText(0, Number.POSITIVE_INFINITY, true), 20),
  REAPER_BLOCKED_AMIS_PARAMETER: optionalText,
  REAPER_ALARM_NAMES: withDefault<string[]>(listText, []),
  REAPER_WINDOW: optionalText,
  REAPER_GRACE_DAYS: withDefault(numberText(0), 7),
  REAPER_LIFETIME_JITTER_PERCENT: withDefault(numberText(0, 100), 0),
  REAPER_SURGE_TIMEOUT_MINUTES: withDefault(numberText(1), 60),
  REAPER_TOPIC_ARN: optionalText,
});
