import { Duration } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';
import { awsRegion } from './deploy-names';
import { expecting } from './json-type';
import { POLICY_PROPS } from './policy-props';
import { LAMBDA_LIMITS, type InstanceReaperProps } from './props';

const MAX_TIMEOUT_MINUTES = LAMBDA_LIMITS.maxTimeout.toMinutes();
const TIMEOUT_EXPECTED = `a whole number of minutes from 1 to ${MAX_TIMEOUT_MINUTES}, Lambda's limit`;

/**
 * The props of one target as JSON writes them. Each is the construct's prop of the same name, but for the timeout, a
 * Duration there, `timeoutMinutes` here. Only types (and the timeout's range, which is its JSON form's) are checked
 * here; values are checked by the construct's own checks, the policy's by the function's schema.
 */
const JSON_PROPS = {
  ...Object.fromEntries(Object.entries(POLICY_PROPS).map(([prop, { type }]) => [prop, type])),
  schedule: z.string(expecting('a schedule expression such as "rate(15 minutes)" or "cron(0 3 ? * MON-FRI *)"')),
  memorySize: z.number(expecting('a number of MB')),
  timeoutMinutes: z.number(expecting(TIMEOUT_EXPECTED)).int(`expected ${TIMEOUT_EXPECTED}`).min(1, `expected ${TIMEOUT_EXPECTED}`).max(MAX_TIMEOUT_MINUTES, `expected ${TIMEOUT_EXPECTED}`),
  logRetention: z.number(expecting('a number of days (1, 3, 5, 7, 14, 30, 60, 90, ...)')),
  notificationEmail: z.string(expecting('an email address')),
  blockedAmisParameterName: z.string(expecting('an SSM parameter name such as "/instance-reaper/blocked-amis"')),
  centralEventBusArn: z.string(expecting('an EventBridge event bus ARN')),
  amiAliasParameters: z.array(z.string(expecting('an array of strings')), expecting('an array of SSM parameter name patterns such as "/ami/*"')),
} as Record<string, z.ZodTypeAny>;

export const JSON_PROP_NAMES: readonly string[] = Object.keys(JSON_PROPS);

/** What a JSON prop takes, for "did you mean". */
export const jsonPropExpects = (prop: string): string | undefined => JSON_PROPS[prop]?.description;

/** The construct prop a JSON prop becomes, to name a JSON prop in the construct's complaints. */
export const JSON_NAME_OF_PROP: Readonly<Record<string, string>> = { timeout: 'timeoutMinutes' };

/** A target's props: unknown keys are errors, so a typo fails synth instead of falling back to a default. */
export const targetPropsSchema = z
  .object(JSON_PROPS)
  .partial()
  .strict()
  .transform(({ timeoutMinutes, logRetention, ...rest }): InstanceReaperProps => ({
    ...rest,
    ...(timeoutMinutes === undefined ? {} : { timeout: Duration.minutes(timeoutMinutes as number) }),
    ...(logRetention === undefined ? {} : { logRetention: logRetention as RetentionDays }),
  }));

/** One target: the account and region to deploy to, and the construct's props. */
export const targetSchema = z
  .object(
    {
      account: z.string(expecting('a 12-digit account ID')).regex(/^\d{12}$/, 'expected a 12-digit account ID'),
      region: awsRegion(),
      props: z.record(z.unknown(), expecting('an object of InstanceReaper props')).optional(),
    },
    expecting('an object with account, region and props'),
  )
  .strict();
