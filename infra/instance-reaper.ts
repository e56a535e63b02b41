import {
  CfnOutput,
  Tags,
  aws_events as events,
  aws_events_targets as targets,
  type aws_kms as kms,
  aws_lambda as lambda,
  aws_lambda_destinations as destinations,
  aws_lambda_nodejs as nodejs,
  aws_logs as logs,
  type aws_sns as sns,
  aws_ssm as ssm,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { parseWindows } from '../lambda/policy/windows';
import { reaperFunctionCode } from './function-code';
import { createNotificationTopic } from './notification-topic';
import { DEFAULTS, validateProps, type InstanceReaperProps } from './props';
import { grantReaperPermissions } from './reaper-permissions';
import { ReaperMonitoring } from './reaper-monitoring';

export type { InstanceReaperProps } from './props';

export { REAPER_BUNDLING } from './function-code';

/** The environment variables that carry the configured policy to the function. */
function policyEnvironment(props: InstanceReaperProps, topicArn: string, parameterName: string): Record<string, string> {
  const env: Record<string, string> = {
    REAPER_DRY_RUN: String(props.dryRun ?? DEFAULTS.dryRun),
    REAPER_MAX_AGE_DAYS: String(props.maxAgeDays ?? DEFAULTS.maxAgeDays),
    REAPER_AMI_DRIFT: String(props.amiDrift ?? DEFAULTS.amiDrift),
    REAPER_MAX_TERMINATIONS_PER_GROUP: String(props.maxTerminationsPerGroup ?? DEFAULTS.maxTerminationsPerGroup),
    REAPER_MAX_TERMINATIONS: String(props.maxTerminations ?? DEFAULTS.maxTerminations),
    REAPER_BLOCKED_AMIS_PARAMETER: parameterName,
    REAPER_GRACE_DAYS: String(props.graceDays ?? DEFAULTS.graceDays),
    REAPER_LIFETIME_JITTER_PERCENT: String(props.lifetimeJitterPercent ?? DEFAULTS.lifetimeJitterPercent),
    REAPER_SURGE_TIMEOUT_MINUTES: String(props.surgeTimeoutMinutes ?? DEFAULTS.surgeTimeoutMinutes),
    REAPER_TOPIC_ARN: topicArn,
    POWERTOOLS_SERVICE_NAME: 'instance-reaper',
    POWERTOOLS_METRICS_NAMESPACE: 'InstanceReaper',
  };
  if (props.amiMaxAgeDays !== undefined) env.REAPER_AMI_MAX_AGE_DAYS = String(props.amiMaxAgeDays);
  if (props.alarmNames?.length) env.REAPER_ALARM_NAMES = props.alarmNames.join(',');
  if (props.maintenanceWindow) env.REAPER_WINDOW = props.maintenanceWindow;
  return env;
}

/**
 * instance-reaper for one account and region: the function, its schedule, least-privilege
 * permissions, the blocked-AMIs parameter, alarms, a notification topic and a dashboard.
 */
export class InstanceReaper extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly rule: events.Rule;
  readonly topic: sns.Topic;
  readonly notificationKey: kms.Key;
  readonly blockedAmisParameter: ssm.StringListParameter;
  readonly monitoring: ReaperMonitoring;

  constructor(scope: Construct, id: string, props: InstanceReaperProps = {}) {
    super(scope, id);
    const problems = validateProps(props);
    const window = props.maintenanceWindow ? parseWindows(props.maintenanceWindow) : [];
    if ('error' in window) problems.push(`maintenanceWindow: ${window.error}`);
    if (problems.length > 0) throw new Error(`Invalid InstanceReaper props: ${problems.join('; ')}`);

    const parameterName = props.blockedAmisParameterName ?? DEFAULTS.blockedAmisParameterName;
    this.blockedAmisParameter = new ssm.StringListParameter(this, 'BlockedAmis', {
      parameterName,
      stringListValue: ['none'],
      description: 'AMI IDs whose instances instance-reaper rotates on every run, until removed ("none" blocks nothing).',
    });
    const notifications = createNotificationTopic(this, props.notificationEmail);
    this.topic = notifications.topic;
    this.notificationKey = notifications.key;

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS });
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      // Bundled from the sources in this checkout; the installed package deploys the bundle npm pack built.
      ...reaperFunctionCode(),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? DEFAULTS.memorySize,
      timeout: props.timeout ?? DEFAULTS.timeout,
      reservedConcurrentExecutions: 1,
      logGroup,
      retryAttempts: 0,
      onFailure: new destinations.SnsDestination(this.topic),
      // By reference, not by name: CloudFormation then creates the parameter before the function can run.
      environment: policyEnvironment(props, this.topic.topicArn, this.blockedAmisParameter.parameterName),
      description: 'instance-reaper: rotates EC2 Auto Scaling instances past their lifetime or on stale AMIs',
    });
    Tags.of(this.function).add('instance-reaper:component', 'function');
    grantReaperPermissions(this.function, {
      topic: this.topic,
      blockedAmis: this.blockedAmisParameter,
      amiAliasParameters: props.amiAliasParameters ?? DEFAULTS.amiAliasParameters,
    });

    this.rule = new events.Rule(this, 'Schedule', {
      schedule: typeof props.schedule === 'object' ? props.schedule : events.Schedule.expression(props.schedule ?? DEFAULTS.schedule),
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 0 })],
      description: 'Runs instance-reaper with its configured policy',
    });
    this.monitoring = new ReaperMonitoring(this, 'Monitoring', this.function, this.topic);

    new CfnOutput(this, 'FunctionName', { value: this.function.functionName });
    new CfnOutput(this, 'FunctionArn', { value: this.function.functionArn });
    new CfnOutput(this, 'ScheduleRuleName', { value: this.rule.ruleName });
    new CfnOutput(this, 'TopicArn', { value: this.topic.topicArn });
    new CfnOutput(this, 'BlockedAmisParameterName', { value: parameterName });
  }
}
