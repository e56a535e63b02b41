import type {
  DescribeAutoScalingGroupsCommandInput,
  DescribeInstanceRefreshesCommandInput,
  DescribeLaunchConfigurationsCommandInput,
  AutoScalingGroupsType,
  DescribeInstanceRefreshesAnswer,
  InstanceRefreshStatus,
  LaunchConfigurationsType,
} from '@aws-sdk/client-auto-scaling';
import type { FakeAccount } from '../account';
import { membersByGroup } from '../group-members';
import { validationError } from '../protocol/aws-error';
import { pageOf } from '../protocol/paging';
import type { GroupRecord } from '../state';
import { checkMaxRecords } from './auto-scaling-limits';
import { toGroup } from './auto-scaling-shapes';

function matchesFilters(group: GroupRecord, filters: DescribeAutoScalingGroupsCommandInput['Filters']): boolean {
  return (filters ?? []).every(({ Name = '', Values = [] }) => {
    if (Name === 'tag-key') return group.tags.some((tag) => Values.includes(tag.key));
    if (Name === 'tag-value') return group.tags.some((tag) => Values.includes(tag.value));
    if (Name.startsWith('tag:')) return group.tags.some((tag) => tag.key === Name.slice(4) && Values.includes(tag.value));
    throw validationError(`Filter name '${Name}' is invalid.`);
  });
}

/** Named groups that do not exist are simply absent. */
export function describeAutoScalingGroups(account: FakeAccount, input: DescribeAutoScalingGroupsCommandInput): AutoScalingGroupsType {
  checkMaxRecords(input.MaxRecords, 100);
  const { state } = account;
  const names = input.AutoScalingGroupNames;
  const selected = (names?.length ? names.flatMap((name) => state.groups[name] ?? []) : Object.values(state.groups)).filter((group) =>
    matchesFilters(group, input.Filters),
  );
  const page = pageOf(selected, { requested: input.MaxRecords ?? 50, serverMax: state.pageSizes.groups, nextToken: input.NextToken });
  const members = membersByGroup(state);
  return {
    AutoScalingGroups: page.items.map((group) => toGroup(state, group, members.get(group.name) ?? [])),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

export function describeLaunchConfigurations(account: FakeAccount, input: DescribeLaunchConfigurationsCommandInput): LaunchConfigurationsType {
  checkMaxRecords(input.MaxRecords, 100);
  const { state } = account;
  const names = input.LaunchConfigurationNames;
  const selected = names?.length ? names.flatMap((name) => state.launchConfigurations[name] ?? []) : Object.values(state.launchConfigurations);
  const page = pageOf(selected, { requested: input.MaxRecords ?? 50, serverMax: state.pageSizes.launchConfigurations, nextToken: input.NextToken });
  return {
    LaunchConfigurations: page.items.map((config) => ({
      LaunchConfigurationName: config.name,
      LaunchConfigurationARN: `arn:aws:autoscaling:${state.region}:${state.accountId}:launchConfiguration:${config.name}`,
      ImageId: config.imageId,
      InstanceType: config.instanceType,
      CreatedTime: new Date(config.createdAt),
    })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

/** Newest first, as AWS lists them; a group without refreshes (or unknown) has none. */
export function describeInstanceRefreshes(account: FakeAccount, input: DescribeInstanceRefreshesCommandInput): DescribeInstanceRefreshesAnswer {
  checkMaxRecords(input.MaxRecords, 100);
  const ids = input.InstanceRefreshIds;
  const selected = account.state.instanceRefreshes
    .filter((refresh) => refresh.group === input.AutoScalingGroupName && (!ids?.length || ids.includes(refresh.id)))
    .reverse();
  const page = pageOf(selected, { requested: input.MaxRecords ?? 50, serverMax: account.state.pageSizes.instanceRefreshes, nextToken: input.NextToken });
  return {
    InstanceRefreshes: page.items.map((refresh) => ({
      InstanceRefreshId: refresh.id,
      AutoScalingGroupName: refresh.group,
      Status: refresh.status as InstanceRefreshStatus,
      StartTime: new Date(refresh.startTime),
    })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}
