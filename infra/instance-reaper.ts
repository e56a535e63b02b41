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
import { TAG } from '../lambda/policy/tag-keys';
import { reaperFunctionCode } from './function-code';
import { createNotificationTopic } from './notification-topic';
import { policyEnvironment } from './policy-environment';
import { DEFAULTS, type InstanceReaperProps } from './props';
import { grantReaperPermissions } from './reaper-permissions';
import { createSurgeStateKey } from './surge-state-key';
import { ReaperMonitoring } from './reaper-monitoring';
import { assertValidProps } from './validate-props';

export type { InstanceReaperProps } from './props';

export { REAPER_BUNDLING } from './function-code';

/**
 * instance-reaper for one account and region: the function, its schedule, least-privilege
 * permissions, the blocked-AMIs parameter, alarms, a notification topic and a dashboard.
 */
export class InstanceReaper extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly rule: events.Rule;
  readonly topic: sns.Topic;
  readonly notificationKey: kms.Key;
  /** The HMAC key only the function's role may make MACs with: its proof that it wrote a surge-state record. */
  readonly surgeStateKey: kms.Key;
  readonly blockedAmisParameter: ssm.StringListParameter;
  readonly monitoring: ReaperMonitoring;

  constructor(scope: Construct, id: string, props: InstanceReaperProps = {}) {
    super(scope, id);
    // Every problem at once, each naming its prop; the policy is judged by the function's own schema.
    assertValidProps(props);

    const parameterName = props.blockedAmisParameterName ?? DEFAULTS.blockedAmisParameterName;
    this.blockedAmisParameter = new ssm.StringListParameter(this, 'BlockedAmis', {
      parameterName,
      stringListValue: ['none'],
      description: 'AMI IDs whose instances instance-reaper rotates on every run, until removed ("none" blocks nothing).',
    });
    const notifications = createNotificationTopic(this, props.notificationEmail);
    this.topic = notifications.topic;
    this.notificationKey = notifications.key;

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention ?? DEFAULTS.logRetention });
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
      environment: policyEnvironment(props, {
        topicArn: this.topic.topicArn,
        blockedAmisParameter: this.blockedAmisParameter.parameterName,
        centralBusArn: props.centralEventBusArn,
      }),
      description: 'instance-reaper: rotates EC2 Auto Scaling instances past their lifetime or on stale AMIs',
    });
    Tags.of(this.function).add(TAG.component, 'function');
    // The key's policy names the function's role, so it is made once the role exists; the function reads it by reference.
    this.surgeStateKey = createSurgeStateKey(this, this.function.role!);
    this.function.addEnvironment('REAPER_STATE_KEY_ARN', this.surgeStateKey.keyArn);
    grantReaperPermissions(this.function, {
      surgeStateKey: this.surgeStateKey,
      topic: this.topic,
      blockedAmis: this.blockedAmisParameter,
      amiAliasParameters: props.amiAliasParameters ?? DEFAULTS.amiAliasParameters,
      centralEventBusArn: props.centralEventBusArn,
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
