import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';

/** The AWS clients the reaper uses. Default configuration, so the standard endpoint, region and credential settings apply. */
export interface AwsClients {
  readonly ec2: EC2Client;
  readonly autoScaling: AutoScalingClient;
  readonly ssm: SSMClient;
  readonly cloudWatch: CloudWatchClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly sns: SNSClient;
}

/** Throttling is retried with backoff; adaptive mode also slows the client down when AWS pushes back. */
export const RETRY_SETTINGS = { retryMode: 'adaptive', maxAttempts: 8 } as const;

export function createClients(): AwsClients {
  return {
    ec2: new EC2Client(RETRY_SETTINGS),
    autoScaling: new AutoScalingClient(RETRY_SETTINGS),
    ssm: new SSMClient(RETRY_SETTINGS),
    cloudWatch: new CloudWatchClient(RETRY_SETTINGS),
    elbv2: new ElasticLoadBalancingV2Client(RETRY_SETTINGS),
    sns: new SNSClient(RETRY_SETTINGS),
  };
}
