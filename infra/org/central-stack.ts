import {
  CfnOutput,
  Duration,
  Stack,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as cloudwatchActions,
  aws_events as events,
  aws_iam as iam,
  aws_logs as logs,
  type StackProps,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { RUN_SUMMARY_DETAIL_TYPE, RUN_SUMMARY_SOURCE } from '../../lambda/report/run-summary';
import { ERRORS_BY_CODE_QUERY, FLEET_FRESHNESS_QUERY, LAST_REPORT_QUERY, RUNS_WITH_ERRORS_QUERY, STALEST_GROUPS_QUERY } from './central-queries';
import { createNotificationTopic } from '../notification-topic';
import { CENTRAL_BUS_NAME, CENTRAL_LOG_GROUP_NAME } from './org-names';

export interface CentralStackProps extends StackProps {
  readonly organizationId: string;
  readonly logRetentionDays: number;
  /** An account and region whose latest summary is older than this has stopped reporting. */
  readonly silentAfterMinutes: number;
  /** Subscribed to the central topic the silence alarm notifies. @default no subscription */
  readonly notificationEmail?: string;
}

/** Counted by a metric filter on the log group: the alarm on "no summaries at all" watches it. */
export const CENTRAL_METRIC = { namespace: 'InstanceReaper/Central', summaries: 'RunSummaries' } as const;

const ALARM_PERIOD = Duration.minutes(15);

/**
 * Only the reaper's summaries, from principals of the organization ("Permissions for event buses", EventBridge User
 * Guide). events:source and events:detail-type are multivalued (one value per entry of a PutEvents batch, Service
 * Authorization Reference: ArrayOfString): ForAllValues admits a batch whose every entry is a summary. ForAllValues
 * also holds when the key is missing or empty ("Multivalued context key examples", IAM User Guide): Null=false and
 * ForAnyValue, false on a missing or empty key, close that, as the function's tag-write grant does.
 */
function busPolicy(bus: events.EventBus, organizationId: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'OrganizationSendsRunSummaries',
    principals: [new iam.AnyPrincipal()],
    actions: ['events:PutEvents'],
    resources: [bus.eventBusArn],
    conditions: {
      StringEquals: { 'aws:PrincipalOrgID': organizationId },
      'ForAllValues:StringEquals': { 'events:source': [RUN_SUMMARY_SOURCE], 'events:detail-type': [RUN_SUMMARY_DETAIL_TYPE] },
      'ForAnyValue:StringEquals': { 'events:source': [RUN_SUMMARY_SOURCE], 'events:detail-type': [RUN_SUMMARY_DETAIL_TYPE] },
      Null: { 'events:source': 'false', 'events:detail-type': 'false' },
    },
  });
}

/**
 * The organization's one view, in the central account and region: the bus every member's reaper sends its run
 * summaries to, the log group that keeps them, a dashboard over them, and an alarm when none arrive.
 */
export class CentralStack extends Stack {
  readonly bus: events.EventBus;
  readonly logGroup: logs.LogGroup;
  readonly dashboard: cloudwatch.Dashboard;
  readonly silenceAlarm: cloudwatch.Alarm;
  /** What the silence alarm notifies: encrypted with a key CloudWatch may use, as the member reapers' own topics are. */
  readonly notifications: ReturnType<typeof createNotificationTopic>;

  constructor(scope: Construct, id: string, props: CentralStackProps) {
    super(scope, id, { description: 'instance-reaper: the organization central view (run summaries of every account)', ...props });
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: CENTRAL_BUS_NAME, description: "instance-reaper: every member account's run summaries" });
    // An AWS::Events::EventBusPolicy with a Statement: this stack never sets or reads its deprecated Principal. The
    // warning `synth:org` prints, "CfnEventBusPolicy#principal is deprecated", is cdk-nag's AwsSolutions-EVB1 rule
    // (EventBusOpenAccess, cdk-nag 2.38) reading that property of every bus policy it checks. The rule still runs and
    // passes on the statement's conditions; the warning is left as it is, nothing is silenced (JSII_DEPRECATED unset).
    this.bus.addToResourcePolicy(busPolicy(this.bus, props.organizationId));

    this.logGroup = new logs.LogGroup(this, 'Summaries', { logGroupName: CENTRAL_LOG_GROUP_NAME, retention: props.logRetentionDays as logs.RetentionDays });
    const rule = new events.Rule(this, 'StoreSummaries', {
      eventBus: this.bus,
      eventPattern: { source: [RUN_SUMMARY_SOURCE], detailType: [RUN_SUMMARY_DETAIL_TYPE] },
      description: 'Stores every run summary in the central log group',
    });
    // EventBridge writes to CloudWatch Logs under the log group's resource policy, never with a role ("Using
    // resource-based policies for Amazon EventBridge", CloudWatch Logs permissions). A native AWS::Logs::ResourcePolicy
    // instead of the custom resource targets.CloudWatchLogGroup would add: no function to deploy for it.
    this.logGroup.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    rule.addTarget({ bind: () => ({ arn: this.logGroup.logGroupArn }) });

    new logs.MetricFilter(this, 'CountSummaries', {
      logGroup: this.logGroup,
      filterPattern: logs.FilterPattern.stringValue('$.source', '=', RUN_SUMMARY_SOURCE),
      metricNamespace: CENTRAL_METRIC.namespace,
      metricName: CENTRAL_METRIC.summaries,
      metricValue: '1',
    });
    const periods = Math.ceil(props.silentAfterMinutes / ALARM_PERIOD.toMinutes());
    this.silenceAlarm = new cloudwatch.Alarm(this, 'NoSummaries', {
      alarmDescription: `No instance-reaper run summary from any account for ${props.silentAfterMinutes} minutes: the reapers, or their way to the central bus, are down.`,
      metric: new cloudwatch.Metric({ namespace: CENTRAL_METRIC.namespace, metricName: CENTRAL_METRIC.summaries, statistic: 'Sum', period: ALARM_PERIOD }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    this.notifications = createNotificationTopic(this, props.notificationEmail);
    // Into ALARM (the reapers went silent) and back to OK (they report again): both are news to whoever watches.
    this.silenceAlarm.addAlarmAction(new cloudwatchActions.SnsAction(this.notifications.topic));
    this.silenceAlarm.addOkAction(new cloudwatchActions.SnsAction(this.notifications.topic));
    this.dashboard = this.centralDashboard(props.silentAfterMinutes);

    new CfnOutput(this, 'CentralBusArn', { value: this.bus.eventBusArn });
    new CfnOutput(this, 'SummariesLogGroupName', { value: this.logGroup.logGroupName });
    new CfnOutput(this, 'DashboardName', { value: this.dashboard.dashboardName });
    new CfnOutput(this, 'NotificationTopicArn', { value: this.notifications.topic.topicArn });
  }

  private centralDashboard(silentAfterMinutes: number): cloudwatch.Dashboard {
    const table = (title: string, query: string, height = 8) =>
      new cloudwatch.LogQueryWidget({ title, logGroupNames: [this.logGroup.logGroupName], queryString: query, view: cloudwatch.LogQueryVisualizationType.TABLE, width: 24, height });
    return new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: 'instance-reaper-organization',
      defaultInterval: Duration.days(1),
      widgets: [
        [table('Fleet freshness per account and region (latest summary), least within policy first', FLEET_FRESHNESS_QUERY)],
        [table('Stalest groups of the organization', STALEST_GROUPS_QUERY)],
        [table('Runs that reported errors', RUNS_WITH_ERRORS_QUERY, 6)],
        [table('Errors by code per account and region, most first', ERRORS_BY_CODE_QUERY, 6)],
        [
          table(`Last report per account and region, oldest first: older than ${silentAfterMinutes} minutes = stopped reporting`, LAST_REPORT_QUERY, 6),
        ],
        [new cloudwatch.AlarmStatusWidget({ title: 'Summaries arriving', alarms: [this.silenceAlarm], width: 24, height: 2 })],
      ],
    });
  }
}
