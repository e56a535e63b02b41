import * as z from 'zod/v4-mini';
import { parseBudget } from './budget-schema';
import type { Budget } from '../model/run-policy';
import { POLICY_DEFAULTS } from './policy-defaults';
import { EVENT_BUS_ARN } from './event-bus-arn';

const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** An unset or blank variable takes the documented default. */
const withDefault = <T>(schema: z.ZodMiniType<T, string>, fallback: T) =>
  z.pipe(
    z.transform(blankToUndefined),
    z.pipe(z.optional(schema), z.transform((value: T | undefined): T => value ?? fallback)),
  );

/** An unset or blank variable is unset. */
const optionalOf = <T>(schema: z.ZodMiniType<T, string>) => z.pipe(z.transform(blankToUndefined), z.optional(schema));

/** What a number variable takes, in one phrase for every way it can be wrong: `expected a whole number >= 0`. */
const describeNumber = (min: number, max: number, integer: boolean) =>
  `expected ${integer ? 'a whole number' : 'a number'} ${Number.isFinite(max) ? `from ${min} to ${max}` : `>= ${min}`}`;

const numberText = (min: number, max = Number.POSITIVE_INFINITY, integer = false) => {
  const expected = describeNumber(min, max, integer);
  return z.pipe(
    // abort: a text that is no number stops here, rather than also failing as NaN further down.
    z.string({ error: expected }).check(z.trim(), z.regex(integer ? /^\d+$/ : /^\d+(\.\d+)?$/, { error: expected, abort: true })),
    z.pipe(z.transform(Number), z.number().check(z.minimum(min, expected), z.maximum(max, expected))),
  );
};

const booleanText = z.pipe(
  z.string({ error: 'expected true or false' }).check(z.trim(), z.toLowerCase()),
  z.pipe(z.enum(['true', 'false'], { error: 'expected true or false' }), z.transform((value) => value === 'true')),
);

const budgetText = z.pipe(
  z.string({ error: 'expected a whole number >= 1 or a percentage such as 25%' }),
  z.transform((text, ctx): Budget => {
    const budget = parseBudget(text);
    if (budget) return budget;
    ctx.issues.push({ code: 'custom', message: 'expected a whole number >= 1 or a percentage such as 25%', input: text });
    return z.NEVER;
  }),
);

const listText = z.pipe(z.string(), z.transform((text) => text.split(',').map((item) => item.trim()).filter(Boolean)));

const trimmedText = z.string().check(z.trim());

const eventBusArn = z.string().check(
  z.trim(),
  z.regex(EVENT_BUS_ARN, 'expected an EventBridge event bus ARN such as arn:aws:events:eu-west-1:111111111111:event-bus/instance-reaper-central'),
);

/** A KMS key ARN (aliases are not taken: the construct passes the key itself). */
const kmsKeyArn = z.string().check(
  z.trim(),
  z.regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, 'expected a KMS key ARN such as arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
);

/** The configured policy, from REAPER_* environment variables. Defaults are POLICY_DEFAULTS, the documented ones. */
export const envSchema = z.object({
  REAPER_DRY_RUN: withDefault(booleanText, POLICY_DEFAULTS.dryRun),
  REAPER_MAX_AGE_DAYS: withDefault<number>(numberText(0), POLICY_DEFAULTS.maxAgeDays),
  REAPER_AMI_MAX_AGE_DAYS: optionalOf(numberText(0)),
  REAPER_AMI_DRIFT: withDefault(booleanText, POLICY_DEFAULTS.amiDrift),
  REAPER_MAX_TERMINATIONS_PER_GROUP: withDefault<Budget>(budgetText, POLICY_DEFAULTS.maxTerminationsPerGroup),
  REAPER_MAX_TERMINATIONS: withDefault<number>(numberText(0, Number.POSITIVE_INFINITY, true), POLICY_DEFAULTS.maxTerminations),
  REAPER_BLOCKED_AMIS_PARAMETER: optionalOf(trimmedText),
  REAPER_ALARM_NAMES: withDefault<string[]>(listText, []),
  REAPER_WINDOW: optionalOf(trimmedText),
  REAPER_GRACE_DAYS: withDefault<number>(numberText(0), POLICY_DEFAULTS.graceDays),
  /**
   * Minutes the instances a group launched last must serve before its next termination. Unset: each group's
   * DefaultInstanceWarmup, else none; a group tag wins over both.
   */
  REAPER_BAKE_MINUTES: optionalOf(numberText(0)),
  REAPER_LIFETIME_JITTER_PERCENT: withDefault<number>(numberText(0, 100), POLICY_DEFAULTS.lifetimeJitterPercent),
  REAPER_SURGE_TIMEOUT_MINUTES: withDefault<number>(numberText(1), POLICY_DEFAULTS.surgeTimeoutMinutes),
  REAPER_TOPIC_ARN: optionalOf(trimmedText),
  /** The organization's central bus: every run sends its summary there. Unset: no summary is sent. */
  REAPER_CENTRAL_BUS_ARN: optionalOf(eventBusArn),
  /**
   * The HMAC key the function proves its surge records with (the construct always sets it). Unset: no surge-state
   * record verifies and no surge starts; each such group is reported in errors.
   */
  REAPER_STATE_KEY_ARN: optionalOf(kmsKeyArn),
});

export type ReaperEnv = z.output<typeof envSchema>;
