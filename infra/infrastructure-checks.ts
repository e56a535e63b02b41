import { Duration, Token, aws_events as events } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { shown } from './json-type';
import type { PolicyPropName } from './policy-props';
import { LAMBDA_LIMITS, type InstanceReaperProps, type PropProblem } from './props';
import { scheduleExpressionProblem } from './schedule-expression';
import { EVENT_BUS_ARN } from '../lambda/config/event-bus-arn';

/** CloudWatch Logs' retention periods in days (PutRetentionPolicy, CloudWatch Logs API Reference); 9999 keeps logs forever. */
export const RETENTION_DAYS: readonly number[] = Object.values(RetentionDays).filter((value): value is number => typeof value === 'number');

/** RetentionDays.INFINITE: no retention policy, the logs are kept forever. */
const KEEP_FOREVER: number = RetentionDays.INFINITE;

const got = (value: unknown): string => (value instanceof Duration ? value.toHumanString() : shown(value));

function scheduleProblem(schedule: unknown): string | undefined {
  const expression = schedule instanceof events.Schedule ? schedule.expressionString : schedule;
  if (typeof expression !== 'string') return 'expected a schedule expression (a string) or an events.Schedule';
  if (Token.isUnresolved(expression)) return undefined;
  const problem = scheduleExpressionProblem(expression);
  return problem && `${problem}, got ${got(expression)}`;
}

function timeoutProblem(timeout: unknown): string | undefined {
  const expected = `expected a Duration from 1 second to ${LAMBDA_LIMITS.maxTimeout.toHumanString()} in whole seconds (Lambda's limit)`;
  if (!(timeout instanceof Duration)) return `${expected}, such as Duration.minutes(5), got ${got(timeout)}`;
  const seconds = timeout.toSeconds({ integral: false });
  const ok = Number.isInteger(seconds) && seconds >= 1 && seconds <= LAMBDA_LIMITS.maxTimeout.toSeconds();
  return ok ? undefined : `${expected}, got ${got(timeout)}`;
}

/** SSM's naming constraints (PutParameter, Systems Manager API Reference), for a name in a hierarchy. */
function parameterNameProblem(name: unknown): string | undefined {
  const expected = 'expected an SSM parameter name such as "/instance-reaper/blocked-amis": "/" then letters, digits and _ . - / (at most 15 levels), not under /aws or /ssm';
  if (typeof name !== 'string') return `${expected}, got ${got(name)}`;
  const levels = name.split('/').length - 1;
  const ok = /^\/[A-Za-z0-9_.\-/]+$/.test(name) && !/^\/(aws|ssm)/i.test(name) && !name.includes('//') && levels <= 15 && name.length <= 1011;
  return ok ? undefined : `${expected}, got ${got(name)}`;
}

function aliasPatternsProblem(patterns: unknown): string | undefined {
  const expected = 'expected an array of SSM parameter name patterns starting with "/" (`*` matches anything)';
  if (!Array.isArray(patterns)) return `${expected}, got ${got(patterns)}`;
  const refused = patterns.filter((pattern) => typeof pattern !== 'string' || !/^\/\S+$/.test(pattern));
  return refused.length === 0 ? undefined : `${expected}, refused: ${refused.map(got).join(', ')}`;
}

function eventBusArnProblem(arn: unknown): string | undefined {
  if (typeof arn === 'string' && (Token.isUnresolved(arn) || EVENT_BUS_ARN.test(arn))) return undefined;
  return `expected an EventBridge event bus ARN such as "arn:aws:events:eu-west-1:111111111111:event-bus/instance-reaper-central", got ${got(arn)}`;
}

type Check = (value: unknown) => string | undefined;

/** The props that shape the infrastructure rather than the policy, each with its check. */
const CHECKS: Record<Exclude<keyof InstanceReaperProps, PolicyPropName>, Check> = {
  schedule: scheduleProblem,
  timeout: timeoutProblem,
  memorySize: (value) =>
    Number.isInteger(value) && (value as number) >= LAMBDA_LIMITS.minMemoryMb && (value as number) <= LAMBDA_LIMITS.maxMemoryMb
      ? undefined
      : `expected a whole number of MB from ${LAMBDA_LIMITS.minMemoryMb} to ${LAMBDA_LIMITS.maxMemoryMb} (Lambda's limit), got ${got(value)}`,
  logRetention: (value) =>
    typeof value === 'number' && RETENTION_DAYS.includes(value)
      ? undefined
      : `expected one of CloudWatch Logs' retention periods in days (${RETENTION_DAYS.filter((days) => days !== KEEP_FOREVER).join(', ')}, or ${KEEP_FOREVER} to keep logs forever), got ${got(value)}`,
  notificationEmail: (value) => (typeof value === 'string' && /^[^@\s]+@[^@\s]+$/.test(value) ? undefined : `expected an email address, got ${got(value)}`),
  blockedAmisParameterName: parameterNameProblem,
  amiAliasParameters: aliasPatternsProblem,
  centralEventBusArn: eventBusArnProblem,
};

export const INFRASTRUCTURE_PROPS: readonly string[] = Object.keys(CHECKS);

/** Every problem with the infrastructure props that are set. */
export function infrastructureProblems(props: InstanceReaperProps): PropProblem[] {
  const problems: PropProblem[] = [];
  for (const [prop, check] of Object.entries(CHECKS)) {
    const value = (props as Record<string, unknown>)[prop];
    const message = value === undefined ? undefined : check(value);
    if (message) problems.push({ prop, message });
  }
  return problems;
}
