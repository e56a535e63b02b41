import { z } from 'zod';
import { expecting } from './json-type';
import type { InstanceReaperProps } from './props';

/** A policy prop: the REAPER_* variable that carries it to the function, and the type it takes (as JSON gives it too). */
interface PolicyProp {
  readonly variable: string;
  readonly type: z.ZodTypeAny;
}

const days = () => z.number(expecting('a number of days'));
const bool = () => z.boolean(expecting('true or false'));

/**
 * The props that become the function's configured policy. Only their types are checked here: their values are checked
 * by the function's own schema (lambda/config/env-schema.ts), on the environment the construct deploys.
 */
export const POLICY_PROPS = {
  dryRun: { variable: 'REAPER_DRY_RUN', type: bool() },
  maxAgeDays: { variable: 'REAPER_MAX_AGE_DAYS', type: days() },
  amiMaxAgeDays: { variable: 'REAPER_AMI_MAX_AGE_DAYS', type: days() },
  amiDrift: { variable: 'REAPER_AMI_DRIFT', type: bool() },
  maxTerminationsPerGroup: {
    variable: 'REAPER_MAX_TERMINATIONS_PER_GROUP',
    type: z.union([z.number(), z.string()], expecting('a whole number >= 1 or a percentage such as "25%"')),
  },
  maxTerminations: { variable: 'REAPER_MAX_TERMINATIONS', type: z.number(expecting('a whole number')) },
  alarmNames: { variable: 'REAPER_ALARM_NAMES', type: z.array(z.string(expecting('an array of strings')), expecting('an array of strings')) },
  maintenanceWindow: { variable: 'REAPER_WINDOW', type: z.string(expecting('a window such as "Mon-Fri 02:00-05:00 Europe/Berlin"')) },
  graceDays: { variable: 'REAPER_GRACE_DAYS', type: days() },
  bakeMinutes: { variable: 'REAPER_BAKE_MINUTES', type: z.number(expecting('a number of minutes')) },
  lifetimeJitterPercent: { variable: 'REAPER_LIFETIME_JITTER_PERCENT', type: z.number(expecting('a number (percent)')) },
  surgeTimeoutMinutes: { variable: 'REAPER_SURGE_TIMEOUT_MINUTES', type: z.number(expecting('a number of minutes')) },
} satisfies Partial<Record<keyof InstanceReaperProps, PolicyProp>>;

export type PolicyPropName = keyof typeof POLICY_PROPS;

/** The prop each variable the construct sets comes from, to name props in the function's complaints. */
export const PROP_OF_VARIABLE: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(POLICY_PROPS).map(([prop, { variable }]) => [variable, prop])),
  REAPER_BLOCKED_AMIS_PARAMETER: 'blockedAmisParameterName',
  REAPER_TOPIC_ARN: 'the notification topic',
  REAPER_CENTRAL_BUS_ARN: 'centralEventBusArn',
  REAPER_STATE_KEY_ARN: 'the surge-state key',
};
