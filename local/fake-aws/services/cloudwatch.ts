import { DescribeAlarms$, type CompositeAlarm, type DescribeAlarmsInput, type DescribeAlarmsOutput, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { FakeAccount } from '../account';
import { accessDenied } from '../protocol/access-denied';
import { AwsError } from '../protocol/aws-error';
import { jsonService } from '../protocol/json-service';
import { pageOf } from '../protocol/paging';
import { operation } from '../protocol/service';
import type { AlarmRecord } from '../state';

function toAlarm(account: FakeAccount, alarm: AlarmRecord): MetricAlarm & CompositeAlarm {
  const { accountId, region } = account.state;
  return {
    AlarmName: alarm.name,
    AlarmArn: `arn:aws:cloudwatch:${region}:${accountId}:alarm:${alarm.name}`,
    StateValue: alarm.state,
    StateReason: `Set by fake-aws to ${alarm.state}`,
    StateUpdatedTimestamp: new Date(alarm.updatedAt),
    ActionsEnabled: true,
  };
}

/** Named alarms that do not exist are absent; without AlarmTypes only metric alarms are listed, as on AWS. */
function describeAlarms(account: FakeAccount, input: DescribeAlarmsInput): DescribeAlarmsOutput {
  if (input.MaxRecords !== undefined && (input.MaxRecords < 1 || input.MaxRecords > 100)) {
    throw new AwsError('ValidationError', `1 validation error detected: Value '${input.MaxRecords}' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to 100`);
  }
  const types = input.AlarmTypes?.length ? input.AlarmTypes : ['MetricAlarm'];
  const names = input.AlarmNames?.length ? new Set(input.AlarmNames) : undefined;
  const selected = Object.values(account.state.alarms).filter(
    (alarm) =>
      types.includes(alarm.type) &&
      (!names || names.has(alarm.name)) &&
      (!input.AlarmNamePrefix || alarm.name.startsWith(input.AlarmNamePrefix)) &&
      (!input.StateValue || alarm.state === input.StateValue),
  );
  const page = pageOf(selected, { requested: input.MaxRecords, serverMax: account.state.pageSizes.alarms, nextToken: input.NextToken });
  return {
    MetricAlarms: page.items.filter((alarm) => alarm.type === 'MetricAlarm').map((alarm) => toAlarm(account, alarm)),
    CompositeAlarms: page.items.filter((alarm) => alarm.type === 'CompositeAlarm').map((alarm) => ({ ...toAlarm(account, alarm), AlarmRule: 'TRUE' })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

/** CloudWatch over AWS JSON 1.0 (the installed client's protocol), query-compatible errors. */
export const cloudWatchService = jsonService({
  signingName: 'monitoring',
  serviceIds: ['CloudWatch'],
  jsonVersion: '1.0',
  targetPrefix: 'GraniteServiceVersion20100801',
  queryCompatible: true,
  operations: { DescribeAlarms: operation(DescribeAlarms$, describeAlarms) },
  throttle: () => new AwsError('Throttling', 'Rate exceeded'),
  accessDenied: accessDenied.query,
});
