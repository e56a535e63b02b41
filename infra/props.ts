import { Duration, type aws_events as events } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * Settings of one instance-reaper deployment. Every field is optional.
 *
 * The policy props (lifetime, AMI rules, budgets, window, dry run, ...) become the function's REAPER_* environment
 * variables; their defaults are the function's own (lambda/config/policy-defaults.ts), and the construct checks them
 * with the function's own schema at synth. The infrastructure props are checked by the construct.
 */
export interface InstanceReaperProps {
  /** When the reaper runs: an EventBridge `rate(...)` or `cron(...)` expression, or an events.Schedule. @default rate(15 minutes) */
  readonly schedule?: string | events.Schedule;
  /** Instance lifetime in days. @default 28 */
  readonly maxAgeDays?: number;
  /** An AMI older than this many days is stale. @default off */
  readonly amiMaxAgeDays?: number;
  /** An instance whose AMI differs from what its group launches now is due. @default true */
  readonly amiDrift?: boolean;
  /** Per-group budget per run: a whole number >= 1 or a percentage of desired capacity such as '25%'. @default 1 */
  readonly maxTerminationsPerGroup?: number | string;
  /** Budget for the whole run. @default 20 */
  readonly maxTerminations?: number;
  /** Decide and report, change nothing. @default false */
  readonly dryRun?: boolean;
  /** Email address subscribed to the notification topic. @default no subscription */
  readonly notificationEmail?: string;
  /** Retention of the function's logs, in days: one of CloudWatch Logs' retention periods. @default RetentionDays.THREE_MONTHS (90) */
  readonly logRetention?: RetentionDays;
  /** Alarms that hold every group while in ALARM. @default none */
  readonly alarmNames?: readonly string[];
  /** Default maintenance window, e.g. 'Mon-Fri 02:00-05:00 Europe/Berlin'. @default always open */
  readonly maintenanceWindow?: string;
  /** Days past the lifetime after which windows no longer hold an instance. @default 7 */
  readonly graceDays?: number;
  /**
   * Bake time in minutes: after a replacement, a group's next termination (or a surge's completion) waits until the
   * instances it launched last have served this long. A group's tag `instance-reaper:bake-minutes` wins over it.
   * @default each group's DefaultInstanceWarmup, else 0
   */
  readonly bakeMinutes?: number;
  /** Shorten each lifetime by up to this percent, derived from the instance ID. @default 0 */
  readonly lifetimeJitterPercent?: number;
  /** Name of the SSM parameter listing blocked AMI IDs; the construct creates it. @default '/instance-reaper/blocked-amis' */
  readonly blockedAmisParameterName?: string;
  /**
   * SSM parameters the groups' launch templates may name as AMI aliases (`resolve:ssm:NAME`), as name patterns that
   * start with '/' (`*` matches anything, '/' included). The function reads them to learn the AMI a group launches now;
   * a template whose alias it may not read is held and reported, never acted on, so a pattern too narrow fails safe.
   * Names under `/aws/` are AWS's public parameters (AWS reserves the prefix); the others are this account's.
   * @default ['/aws/service/*', '/ami/*']: AWS's public AMI parameters, and this account's parameters under /ami/
   */
  readonly amiAliasParameters?: readonly string[];
  /** A launch-before-terminate surge older than this is rolled back. @default 60 */
  readonly surgeTimeoutMinutes?: number;
  /**
   * ARN of the organization's central event bus (the central stack of the org deployment creates it): every run sends
   * its summary there with events:PutEvents, which the construct grants on that bus only. The bus may be in another
   * account and region; its policy decides whom it admits. @default no summary is sent
   */
  readonly centralEventBusArn?: string;
  /** Memory of the function in MB, 128 to 10240. @default 1024 */
  readonly memorySize?: number;
  /** Time limit of one run, at most 15 minutes. @default Duration.minutes(5) */
  readonly timeout?: Duration;
}

/** Defaults of the infrastructure props. The policy props' defaults are the function's: POLICY_DEFAULTS. */
export const DEFAULTS = {
  schedule: 'rate(15 minutes)',
  memorySize: 1024,
  timeout: Duration.minutes(5),
  logRetention: RetentionDays.THREE_MONTHS,
  blockedAmisParameterName: '/instance-reaper/blocked-amis',
  amiAliasParameters: ['/aws/service/*', '/ami/*'],
} as const;

/** Lambda's limits ("Lambda quotas", AWS Lambda Developer Guide). */
export const LAMBDA_LIMITS = {
  minMemoryMb: 128,
  maxMemoryMb: 10240,
  maxTimeout: Duration.minutes(15),
} as const;

/** One problem with one prop: what it takes, and what it was given. */
export interface PropProblem {
  readonly prop: string;
  readonly message: string;
}
