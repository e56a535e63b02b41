import { InvalidInputError } from '../errors';
import type { RunPolicy } from '../model/run-policy';
import { INVALID, IssueList } from './checks';
import { envSchema, type ReaperEnv } from './env-schema';
import { isScheduledEvent, manualEventSchema, type ManualEvent } from './event-schema';
import { parseWindows } from '../policy/windows';

export interface RunSettings {
  readonly policy: RunPolicy;
  readonly blockedAmisParameter?: string;
  readonly topicArn?: string;
}

/** The default window is checked with the rest, so one error names every bad variable. */
function windowIssue(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const windows = parseWindows(text.trim());
  return 'error' in windows ? `REAPER_WINDOW: ${windows.error}` : undefined;
}

/** Reads REAPER_* variables; every bad variable is named in one error. */
export function loadEnv(env: Readonly<Record<string, string | undefined>>): ReaperEnv {
  const issues = new IssueList('environment');
  const parsed = envSchema(env, [], issues);
  const window = windowIssue(env.REAPER_WINDOW);
  if (window !== undefined) issues.lines.push(window);
  if (parsed === INVALID || issues.lines.length > 0) {
    throw new InvalidInputError(`Invalid configuration: ${issues.lines.join('; ')}`, issues.lines);
  }
  return parsed;
}

/** Validates the invocation; a scheduled event carries no overrides. Every bad field is named in one error. */
export function parseEvent(event: unknown): ManualEvent {
  if (isScheduledEvent(event)) return {};
  if (event === undefined || event === null) return {};
  const issues = new IssueList('event');
  const parsed = manualEventSchema(event, [], issues);
  if (parsed === INVALID) throw new InvalidInputError(`Invalid invocation: ${issues.lines.join('; ')}`, issues.lines);
  return parsed;
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
    lifetimeJitterPercent: env.REAPER_LIFETIME_JITTER_PERCENT,
    surgeTimeoutMinutes: env.REAPER_SURGE_TIMEOUT_MINUTES,
  };
  return { policy, blockedAmisParameter: env.REAPER_BLOCKED_AMIS_PARAMETER, topicArn: env.REAPER_TOPIC_ARN };
}
