import type { DescribeWarmPoolAnswer, DescribeWarmPoolType } from '@aws-sdk/client-auto-scaling';
import type { FakeAccount } from '../account';
import { requireGroup } from '../group-state';
import { pageOf } from '../protocol/paging';
import { warmPoolOf } from '../warm-pool';
import { checkMaxRecords } from './auto-scaling-limits';
import { toMember, warmPoolConfiguration } from './auto-scaling-shapes';

/** The pool's configuration and its instances, page by page; a group without a pool has neither (an unknown group fails). */
export function describeWarmPool(account: FakeAccount, input: DescribeWarmPoolType): DescribeWarmPoolAnswer {
  checkMaxRecords(input.MaxRecords, 50);
  const group = requireGroup(account.state, input.AutoScalingGroupName ?? '');
  const configuration = warmPoolConfiguration(group);
  const page = pageOf(warmPoolOf(account.state, group.name), { requested: input.MaxRecords ?? 50, serverMax: account.state.pageSizes.warmPoolInstances, nextToken: input.NextToken });
  return {
    ...(configuration ? { WarmPoolConfiguration: configuration } : {}),
    Instances: page.items.map((instance) => toMember(account.state, instance)),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}
