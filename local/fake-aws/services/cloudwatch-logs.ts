import { FilterLogEvents$, type FilterLogEventsRequest, type FilterLogEventsResponse } from '@aws-sdk/client-cloudwatch-logs';
import type { FakeAccount } from '../account';
import { AwsError } from '../protocol/aws-error';
import { jsonService } from '../protocol/json-service';
import { pageOf } from '../protocol/paging';
import { operation } from '../protocol/service';
import { controlPlaneOf, type LogEventRecord } from './reaper-control-plane';
import { matchesFilterPattern } from './log-filter-pattern';

/** Events of one log group in time order, filtered by time and pattern, a page at a time. */
function filterLogEvents(account: FakeAccount, input: FilterLogEventsRequest): FilterLogEventsResponse {
  const plane = controlPlaneOf(account);
  const group = input.logGroupName ?? '';
  const known = Object.values(plane.state.functions).some((fn) => fn.logGroupName === group);
  if (!known) throw new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
  const selected = plane.state.logEvents.filter(
    (event: LogEventRecord) =>
      event.logGroupName === group &&
      (input.startTime === undefined || event.timestamp >= input.startTime) &&
      (input.endTime === undefined || event.timestamp <= input.endTime) &&
      matchesFilterPattern(input.filterPattern, event.message),
  );
  const page = pageOf(selected, { requested: input.limit, serverMax: 50, nextToken: input.nextToken, invalidTokenCode: 'InvalidParameterException' });
  return {
    events: page.items.map((event) => ({ logStreamName: event.logStreamName, timestamp: event.timestamp, ingestionTime: event.timestamp, message: event.message, eventId: event.eventId })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

/** CloudWatch Logs over JSON 1.1: FilterLogEvents over what invocations logged. */
export const cloudWatchLogsService = jsonService({
  signingName: 'logs',
  serviceIds: ['CloudWatch Logs'],
  jsonVersion: '1.1',
  targetPrefix: 'Logs_20140328',
  operations: { FilterLogEvents: operation(FilterLogEvents$, filterLogEvents) },
  throttle: () => new AwsError('ThrottlingException', 'Rate exceeded'),
});
