import { DescribeAvailabilityZones$, DescribeImages$, DescribeInstanceImageMetadata$, DescribeInstances$, DescribeLaunchTemplateVersions$ } from '@aws-sdk/client-ec2';
import { accessDenied } from '../protocol/access-denied';
import { AwsError } from '../protocol/aws-error';
import { queryService } from '../protocol/query-service';
import { operation } from '../protocol/service';
import { describeImages } from './ec2-images';
import { describeInstanceImageMetadata, describeInstances } from './ec2-instances';
import { describeLaunchTemplateVersions } from './ec2-launch-templates';
import { describeAvailabilityZones } from './ec2-zones';

/** EC2 over the EC2 Query protocol. */
export const ec2Service = queryService({
  signingName: 'ec2',
  serviceIds: ['EC2'],
  ec2: true,
  xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  operations: {
    DescribeAvailabilityZones: operation(DescribeAvailabilityZones$, describeAvailabilityZones),
    DescribeInstances: operation(DescribeInstances$, describeInstances),
    DescribeImages: operation(DescribeImages$, describeImages),
    DescribeInstanceImageMetadata: operation(DescribeInstanceImageMetadata$, describeInstanceImageMetadata),
    DescribeLaunchTemplateVersions: operation(DescribeLaunchTemplateVersions$, describeLaunchTemplateVersions),
  },
  throttle: () => new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503),
  accessDenied: accessDenied.ec2,
});
