import { envIssues } from '../lambda/config/env-issues';
import { POLICY_DEFAULTS, formatBudget } from '../lambda/config/policy-defaults';
import type { Budget } from '../lambda/model/run-policy';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../lambda/report/metric-names';
import { shown } from './json-type';
import { POLICY_PROPS, PROP_OF_VARIABLE } from './policy-props';
import type { InstanceReaperProps, PropProblem } from './props';

/** What a variable carries: lists joined by commas (as the function splits them), budgets as `3` or `25%`. */
function encode(value: unknown): string {
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'object' && value !== null && 'kind' in value) return formatBudget(value as Budget);
  return String(value);
}

export interface DeployedResources {
  /** By reference, not by name: CloudFormation then creates the topic and the parameter before the function can run. */
  readonly topicArn?: string;
  readonly blockedAmisParameter?: string;
  readonly centralBusArn?: string;
}

/**
 * The function's environment for these props: a variable for every policy prop, an unset prop at the function's own
 * default (POLICY_DEFAULTS), so the deployed environment says what the function does. Unset optional props (the AMI age
 * limit, alarms, the window) are left out, as the function's defaults are "off".
 */
export function policyEnvironment(props: InstanceReaperProps, resources: DeployedResources = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [prop, { variable }] of Object.entries(POLICY_PROPS)) {
    const value = (props as Record<string, unknown>)[prop] ?? (POLICY_DEFAULTS as Record<string, unknown>)[prop];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    env[variable] = encode(value);
  }
  if (resources.blockedAmisParameter !== undefined) env.REAPER_BLOCKED_AMIS_PARAMETER = resources.blockedAmisParameter;
  if (resources.topicArn !== undefined) env.REAPER_TOPIC_ARN = resources.topicArn;
  if (resources.centralBusArn !== undefined) env.REAPER_CENTRAL_BUS_ARN = resources.centralBusArn;
  return { ...env, POWERTOOLS_SERVICE_NAME: SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE };
}

/** The function reads alarm names from one comma-separated variable, trimmed, blanks dropped: a name must survive that. */
function alarmNamesProblem(names: readonly string[]): string | undefined {
  const lost = names.filter((name) => name.includes(',') || name.trim() !== name || name === '');
  return lost.length === 0 ? undefined : `expected alarm names without commas or surrounding spaces (the function reads them as one comma-separated list), got ${shown(lost)}`;
}

/**
 * Every problem with the policy props: a wrong type, then whatever the function's own schema refuses in the environment
 * the construct would deploy, each named by its prop.
 */
export function policyProblems(props: InstanceReaperProps): PropProblem[] {
  const problems: PropProblem[] = [];
  const typed: Record<string, unknown> = {};
  for (const [prop, { type }] of Object.entries(POLICY_PROPS)) {
    const value = (props as Record<string, unknown>)[prop];
    if (value === undefined) continue;
    const parsed = type.safeParse(value);
    if (parsed.success) typed[prop] = value;
    else problems.push({ prop, message: `${parsed.error.issues[0]?.message ?? 'wrong type'}, got ${shown(value)}` });
  }
  const alarms = Array.isArray(typed.alarmNames) ? alarmNamesProblem(typed.alarmNames as string[]) : undefined;
  if (alarms) problems.push({ prop: 'alarmNames', message: alarms });

  for (const issue of envIssues(policyEnvironment(typed))) {
    const prop = PROP_OF_VARIABLE[issue.variable] ?? issue.variable;
    const value = typed[prop];
    const given = value === undefined ? `the default, ${issue.variable} unset` : shown(value);
    problems.push({ prop, message: typeof value === 'string' && issue.message.includes(`"${value}"`) ? issue.message : `${issue.message}, got ${given}` });
  }
  return problems;
}
