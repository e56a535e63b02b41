import type { Activity, ActivitiesType, DescribeScalingActivitiesCommandInput } from '@aws-sdk/client-auto-scaling';
import type { FakeAccount } from '../account';
import { pageOf } from '../protocol/paging';
import type { AccountState, ActivityRecord } from '../state';
import { checkMaxRecords } from './auto-scaling-limits';

export function toActivity(state: AccountState, activity: ActivityRecord): Activity {
  return {
    ActivityId: activity.id,
    AutoScalingGroupName: activity.group,
    AutoScalingGroupARN: state.groups[activity.group]?.arn,
    Description: activity.description,
    Cause: activity.cause,
    StartTime: new Date(activity.startTime),
    ...(activity.endTime !== undefined ? { EndTime: new Date(activity.endTime) } : {}),
    StatusCode: activity.statusCode,
    ...(activity.statusMessage !== undefined ? { StatusMessage: activity.statusMessage } : {}),
    Progress: activity.progress,
    Details: activity.details,
  };
}

/** Newest first, as AWS lists them; an unknown group or activity ID simply matches nothing. */
export function describeScalingActivities(account: FakeAccount, input: DescribeScalingActivitiesCommandInput): ActivitiesType {
  checkMaxRecords(input.MaxRecords, 100);
  const ids = input.ActivityIds?.length ? new Set(input.ActivityIds) : undefined;
  const selected = account.state.activities
    .filter((activity) => (!input.AutoScalingGroupName || activity.group === input.AutoScalingGroupName) && (!ids || ids.has(activity.id)))
    .reverse();
  const page = pageOf(selected, { requested: input.MaxRecords ?? 100, serverMax: account.state.pageSizes.activities, nextToken: input.NextToken });
  return {
    Activities: page.items.map((activity) => toActivity(account.state, activity)),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}
