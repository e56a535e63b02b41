import {
  CreateOrUpdateTags$,
  DeleteTags$,
  DescribeAutoScalingGroups$,
  DescribeInstanceRefreshes$,
  DescribeLaunchConfigurations$,
  DescribeScalingActivities$,
  DescribeWarmPool$,
  SetDesiredCapacity$,
  TerminateInstanceInAutoScalingGroup$,
} from '@aws-sdk/client-auto-scaling';
import { accessDenied } from '../protocol/access-denied';
import { AwsError } from '../protocol/aws-error';
import { queryService } from '../protocol/query-service';
import { operation } from '../protocol/service';
import { describeScalingActivities } from './auto-scaling-activities';
import { createOrUpdateTags, deleteTags, setDesired, terminateInstanceInAutoScalingGroup } from './auto-scaling-actions';
import { describeWarmPool } from './auto-scaling-warm-pool';
import { describeAutoScalingGroups, describeInstanceRefreshes, describeLaunchConfigurations } from './auto-scaling-reads';

/** Auto Scaling over awsQuery; one throttling bucket for all its APIs, like AWS. */
export const autoScalingService = queryService({
  signingName: 'autoscaling',
  serviceIds: ['Auto Scaling'],
  ec2: false,
  xmlns: 'http://autoscaling.amazonaws.com/doc/2011-01-01/',
  operations: {
    DescribeAutoScalingGroups: operation(DescribeAutoScalingGroups$, describeAutoScalingGroups),
    DescribeLaunchConfigurations: operation(DescribeLaunchConfigurations$, describeLaunchConfigurations),
    DescribeInstanceRefreshes: operation(DescribeInstanceRefreshes$, describeInstanceRefreshes),
    DescribeScalingActivities: operation(DescribeScalingActivities$, describeScalingActivities),
    DescribeWarmPool: operation(DescribeWarmPool$, describeWarmPool),
    TerminateInstanceInAutoScalingGroup: operation(TerminateInstanceInAutoScalingGroup$, terminateInstanceInAutoScalingGroup),
    SetDesiredCapacity: operation(SetDesiredCapacity$, setDesired),
    CreateOrUpdateTags: operation(CreateOrUpdateTags$, createOrUpdateTags),
    DeleteTags: operation(DeleteTags$, deleteTags),
  },
  throttle: () => new AwsError('Throttling', 'Rate exceeded'),
  accessDenied: accessDenied.query,
});
