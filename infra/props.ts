import { Duration, type aws_events as events } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** Settings of one instance-reaper deployment. Every field is optional. */
export interface InstanceReaperProps {
  /** When the reaper runs: a schedule expression such as `rate(15 minutes)`, or an events.Schedule. @default rate(15 minutes) */
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
  /** Retention of the function's logs. @default RetentionDays.THREE_MONTHS */
  readonly logRetention?: RetentionDays;
  /** Alarms that hold every group while in ALARM. @default none */
  readonly alarmNames?: string[];
  /** Default maintenance window, e.g. 'Mon-Fri 02:00-05:00 Europe/Berlin'. @default always open */
  readonly maintenanceWindow?: string;
  /** Days past the lifetime after which windows no longer hold an instance. @default 7 */
  readonly graceDays?: number;
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
  /** Memory of the function in MB. @default 1024 */
  readonly memorySize?: number;
  /** Time limit of one run. @default Duration.minutes(5) */
  readonly timeout?: Duration;
}

export const DEFAULTS = {
  schedule: 'rate(15 minutes)',
  maxAgeDays: 28,
  amiDrift: true,
  maxTerminationsPerGroup: 1,
  maxTerminations: 20,
  dryRun: false,
  graceDays: 7,
  lifetimeJitterPercent: 0,
  blockedAmisParameterName: '/instance-reaper/blocked-amis',
  amiAliasParameters: ['/aws/service/*', '/ami/*'],
  surgeTimeoutMinutes: 60,
  memorySize: 1024,
  timeout: Duration.minutes(5),
} as const;

const PERCENT = /^\d+(\.\d+)?%$/;

/** Every problem with the props, so one error can name them all. */
export function validateProps(props: InstanceReaperProps): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  const nonNegative = (value: number | undefined, name: string) => check(value === undefined || (Number.isFinite(value) && value >= 0), `${name} must be a number >= 0`);
  nonNegative(props.maxAgeDays, 'maxAgeDays');
  nonNegative(props.amiMaxAgeDays, 'amiMaxAgeDays');
  nonNegative(props.graceDays, 'graceDays');
  const perGroup = props.maxTerminationsPerGroup;
  check(
    perGroup === undefined || (typeof perGroup === 'number' ? Number.isInteger(perGroup) && perGroup >= 1 : PERCENT.test(perGroup) && parseFloat(perGroup) > 0 && parseFloat(perGroup) <= 100),
    'maxTerminationsPerGroup must be a whole number >= 1 or a percentage such as "25%"',
  );
  check(props.maxTerminations === undefined || (Number.isInteger(props.maxTerminations) && props.maxTerminations >= 0), 'maxTerminations must be a whole number >= 0');
  const jitter = props.lifetimeJitterPercent;
  check(jitter === undefined || (jitter >= 0 && jitter <= 100), 'lifetimeJitterPercent must be between 0 and 100');
  check(props.surgeTimeoutMinutes === undefined || props.surgeTimeoutMinutes >= 1, 'surgeTimeoutMinutes must be >= 1');
  check(props.memorySize === undefined || (props.memorySize >= 128 && props.memorySize <= 10240), 'memorySize must be between 128 and 10240');
  check(props.notificationEmail === undefined || /^[^@\s]+@[^@\s]+$/.test(props.notificationEmail), 'notificationEmail must be an email address');
  check(props.blockedAmisParameterName === undefined || props.blockedAmisParameterName.startsWith('/'), 'blockedAmisParameterName must start with "/"');
  const badAliases = (props.amiAliasParameters ?? []).filter((pattern) => !/^\/\S+$/.test(pattern));
  check(badAliases.length === 0, `amiAliasParameters must be parameter names starting with "/": ${badAliases.map((pattern) => JSON.stringify(pattern)).join(', ')}`);
  return problems;
}
