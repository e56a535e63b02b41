import { InvalidInputError } from '../errors';
import type { RunPolicy } from '../model/run-policy';
import { envSchema, type ReaperEnv } from './env-schema';
import { isScheduledEvent, manualEventSchema, type ManualEvent } from './event-schema';
import { formatIssues } from './format-issues';
import { parseWindows } from '../policy/windows';

export interface RunSettings {
  readonly policy: RunPolicy;
  readonly blockedAmisParameter?: string;
  readonly topicArn?: string;
  readonly centralBusArn?: string;
  /** The HMAC key that proves the function wrote its surge records; without it no surge record is acted on or written. */
  readonly stateKeyArn?: string;
}

/** The default window is checked with the rest, so one error names every bad variable. */
function windowIssue(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const windows = parseWindows(text.trim());
  return 'error' in windows ? `REAPER_WINDOW: ${windows.error}` : undefined;
}

/** Reads REAPER_* variables; every bad variable is named in one error. */
export function loadEnv(env: Readonly<Record<string, string | undefined>>): ReaperEnv {
  const parsed = envSchema.safeParse(env);
  const issues = parsed.success ? [] : formatIssues(parsed.error.issues, 'environment');
  const window = windowIssue(env.REAPER_WINDOW);
  if (window !== undefined) issues.push(window);
  if (!parsed.success || issues.length > 0) {
    throw new InvalidInputError(`Invalid configuration: ${issues.join('; ')}`, issues);
  }
  return parsed.data;
}

/** Validates the invocation; a scheduled event carries no overrides. Every bad field is named in one error. */
export function parseEvent(event: unknown): ManualEvent {
  if (isScheduledEvent(event)) return {};
  if (event === undefined || event === null) return {};
  const parsed = manualEventSchema.safeParse(event);
  if (!parsed.success) {
    const issues = formatIssues(parsed.error.issues, 'event');
    throw new InvalidInputError(`Invalid invocation: ${issues.join('; ')}`, issues);
  }
  return parsed.data;
}

/** The configured policy with this run's overrides applied. */
export function mergeRunPolicy(env: ReaperEnv, event: ManualEvent): RunSettings {
  const policy: RunPolicy = {
    dryRun: event.dryRun ?? env.REAPER_DRY_RUN,
    maxAgeDaysOverride: event.maxAgeDays,
    defaultMaxAgeDays: env.REAPER_MAX_AGE_DAYS,
    amiMaxAgeDays: event.amiMaxAgeDays ?? env.REAPER_AMI_MAX_AGE_DAYS,
    amiDrift: event.amiDrift ?? env.REAPER_AMI_DRIFT,
    blockedAmiIds: event.amiIds ?? [],
    targetedInstanceIds: event.instanceIds ?? [],
    groups: event.groups,
    groupBudgetOverride: event.maxTerminationsPerGroup,
    defaultGroupBudget: env.REAPER_MAX_TERMINATIONS_PER_GROUP,
    maxTerminations: event.maxTerminations ?? env.REAPER_MAX_TERMINATIONS,
    alarmNames: env.REAPER_ALARM_NAMES,
    defaultWindow: env.REAPER_WINDOW,
    defaultGraceDays: env.REAPER_GRACE_DAYS,
    defaultBakeMinutes: env.REAPER_BAKE_MINUTES,
    lifetimeJitterPercent: env.REAPER_LIFETIME_JITTER_PERCENT,
    surgeTimeoutMinutes: env.REAPER_SURGE_TIMEOUT_MINUTES,
  };
  return { policy, blockedAmisParameter: env.REAPER_BLOCKED_AMIS_PARAMETER, topicArn: env.REAPER_TOPIC_ARN, centralBusArn: env.REAPER_CENTRAL_BUS_ARN, stateKeyArn: env.REAPER_STATE_KEY_ARN };
}
