import { Duration, aws_cloudwatch as cloudwatch, aws_cloudwatch_actions as actions, type aws_lambda as lambda, type aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { GROUP_FRESHNESS_QUERY, METRIC, METRICS_NAMESPACE, SERVICE_NAME } from '../lambda/report/metric-names';

const reportMetric = (name: string, statistic = 'Sum') =>
  new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: { service: SERVICE_NAME }, statistic, period: Duration.minutes(15) });

/**
 * Alarms when a run fails or its report has errors, and a dashboard of the fleet's freshness: account-wide
 * graphs from the metrics, and each group's latest figures from its freshness line in the function's logs
 * (a Logs Insights table, so no metric is paid for per group).
 */
export class ReaperMonitoring extends Construct {
  readonly runFailedAlarm: cloudwatch.Alarm;
  readonly reportErrorsAlarm: cloudwatch.Alarm;
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, fn: lambda.Function, topic: sns.ITopic) {
    super(scope, id);
    this.runFailedAlarm = new cloudwatch.Alarm(this, 'RunFailed', {
      alarmDescription: 'An instance-reaper run failed (bad input, or the fleet could not be read).',
      metric: fn.metricErrors({ period: Duration.minutes(15), statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.reportErrorsAlarm = new cloudwatch.Alarm(this, 'ReportErrors', {
      alarmDescription: 'An instance-reaper run reported errors: see the report in the function logs.',
      metric: reportMetric(METRIC.errors),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    for (const alarm of [this.runFailedAlarm, this.reportErrorsAlarm]) alarm.addAlarmAction(new actions.SnsAction(topic));

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      widgets: [
        [
          new cloudwatch.GraphWidget({ title: 'Oldest instance age (days)', left: [reportMetric(METRIC.oldestInstanceAgeDays, 'Maximum')] }),
          new cloudwatch.GraphWidget({ title: 'Fleet within policy (%)', left: [reportMetric(METRIC.fleetWithinPolicyPercent, 'Minimum')] }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'Instances past lifetime / on stale AMIs', left: [reportMetric(METRIC.instancesPastLifetime, 'Maximum'), reportMetric(METRIC.instancesOnStaleAmi, 'Maximum')] }),
          new cloudwatch.GraphWidget({ title: 'Terminated / deferred / errors per run', left: [reportMetric(METRIC.terminated), reportMetric(METRIC.deferred), reportMetric(METRIC.errors)] }),
        ],
        [
          new cloudwatch.LogQueryWidget({
            title: 'Stalest groups: latest figures per group',
            logGroupNames: [fn.logGroup.logGroupName],
            queryLines: [...GROUP_FRESHNESS_QUERY],
            width: 24,
            height: 8,
          }),
        ],
      ],
    });
  }
}
