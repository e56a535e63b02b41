import { z } from 'zod';
import { parseBudget } from './budget-schema';
import type { Budget } from '../model/run-policy';
import { POLICY_DEFAULTS } from './policy-defaults';
import { EVENT_BUS_ARN } from './event-bus-arn';

const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** An unset or blank variable takes the documented default. */
const withDefault = <T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, fallback: T) =>
  z.preprocess(blankToUndefined, schema.optional()).transform((value) => value ?? fallback);

/** What a number variable takes, in one phrase for every way it can be wrong: `expected a whole number >= 0`. */
const describeNumber = (min: number, max: number, integer: boolean) =>
  `expected ${integer ? 'a whole number' : 'a number'} ${Number.isFinite(max) ? `from ${min} to ${max}` : `>= ${min}`}`;

const numberText = (min: number, max = Number.POSITIVE_INFINITY, integer = false) => {
  const expected = describeNumber(min, max, integer);
  return z
    .string()
    .trim()
    .regex(integer ? /^\d+$/ : /^\d+(\.\d+)?$/, expected)
    .transform(Number)
    .pipe(z.number().min(min, expected).max(max, expected));
};

const booleanText = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false'], { errorMap: () => ({ message: 'expected true or false' }) }))
  .transform((value) => value === 'true');

const budgetText = z.string().transform((text, ctx): Budget => {
  const budget = parseBudget(text);
  if (budget) return budget;
  ctx.addIssue({ code: 'custom', message: 'expected a whole number >= 1 or a percentage such as 25%' });
  return z.NEVER;
});

const listText = z.string().transform((text) => text.split(',').map((item) => item.trim()).filter(Boolean));

const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());

const eventBusArn = z.preprocess(
  blankToUndefined,
  z.string().trim().regex(EVENT_BUS_ARN, 'expected an EventBridge event bus ARN such as arn:aws:events:eu-west-1:111111111111:event-bus/instance-reaper-central').optional(),
);

/** The configured policy, from REAPER_* environment variables. Defaults are POLICY_DEFAULTS, the documented ones. */
export const envSchema = z.object({
  REAPER_DRY_RUN: withDefault(booleanText, POLICY_DEFAULTS.dryRun),
  REAPER_MAX_AGE_DAYS: withDefault<number>(numberText(0), POLICY_DEFAULTS.maxAgeDays),
  REAPER_AMI_MAX_AGE_DAYS: z.preprocess(blankToUndefined, numberText(0).optional()),
  REAPER_AMI_DRIFT: withDefault(booleanText, POLICY_DEFAULTS.amiDrift),
  REAPER_MAX_TERMINATIONS_PER_GROUP: withDefault<Budget>(budgetText, POLICY_DEFAULTS.maxTerminationsPerGroup),
  REAPER_MAX_TERMINATIONS: withDefault<number>(numberText(0, Number.POSITIVE_INFINITY, true), POLICY_DEFAULTS.maxTerminations),
  REAPER_BLOCKED_AMIS_PARAMETER: optionalText,
  REAPER_ALARM_NAMES: withDefault<string[]>(listText, []),
  REAPER_WINDOW: optionalText,
  REAPER_GRACE_DAYS: withDefault<number>(numberText(0), POLICY_DEFAULTS.graceDays),
  REAPER_LIFETIME_JITTER_PERCENT: withDefault<number>(numberText(0, 100), POLICY_DEFAULTS.lifetimeJitterPercent),
  REAPER_SURGE_TIMEOUT_MINUTES: withDefault<number>(numberText(1), POLICY_DEFAULTS.surgeTimeoutMinutes),
  REAPER_TOPIC_ARN: optionalText,
  /** The organization's central bus: every run sends its summary there. Unset: no summary is sent. */
  REAPER_CENTRAL_BUS_ARN: eventBusArn,
});

export type ReaperEnv = z.output<typeof envSchema>;
