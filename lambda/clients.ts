import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { KMSClient } from '@aws-sdk/client-kms';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import { ConcurrencyLimit } from './util/concurrency-limit';

/** The AWS clients the reaper uses. Default configuration, so the standard endpoint, region and credential settings apply. */
export interface AwsClients {
  readonly ec2: EC2Client;
  readonly autoScaling: AutoScalingClient;
  readonly ssm: SSMClient;
  readonly cloudWatch: CloudWatchClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  /** Classic Load Balancers (the 2012-06-01 API), for groups with LoadBalancerNames. */
  readonly elb: ElasticLoadBalancingClient;
  readonly sns: SNSClient;
  /** VPC Lattice, for groups with `vpc-lattice` traffic sources: their targets' health. */
  readonly vpcLattice: VPCLatticeClient;
  /** KMS, for the proof of authorship of the function's surge records (GenerateMac / VerifyMac). */
  readonly kms: KMSClient;
  /** EventBridge in a given region: the central bus's, which may not be the function's. One client per region. */
  readonly eventBridgeIn: (region: string) => EventBridgeClient;
}

/** Throttling is retried with backoff; adaptive mode also slows the client down when AWS pushes back. */
export const RETRY_SETTINGS = { retryMode: 'adaptive', maxAttempts: 8 } as const;

/** AWS calls in flight at once, across every client: a run of the reaper never crowds the account's API rate limits. */
export const MAX_CALLS_IN_FLIGHT = 8;

interface MiddlewareHost {
  readonly middlewareStack: { add(middleware: FinalizeRequestMiddleware<object, object>, options: { step: 'finalizeRequest'; priority: 'low'; name: string }): void };
}

/** Each HTTP attempt waits for a slot; placed inside the retry step, so a backoff sleep holds none. */
function limited<Client extends MiddlewareHost>(client: Client, limit: ConcurrencyLimit): Client {
  client.middlewareStack.add((next) => (args) => limit.run(() => next(args)), { step: 'finalizeRequest', priority: 'low', name: 'reaperCallsInFlightLimit' });
  return client;
}

/** `overrides` is for tests (a scripted HTTP handler); the function passes none. */
export function createClients(overrides: Record<string, unknown> = {}): AwsClients {
  const config = { ...RETRY_SETTINGS, ...overrides };
  const limit = new ConcurrencyLimit(MAX_CALLS_IN_FLIGHT);
  const eventBridgeClients = new Map<string, EventBridgeClient>();
  return {
    ec2: limited(new EC2Client(config), limit),
    autoScaling: limited(new AutoScalingClient(config), limit),
    ssm: limited(new SSMClient(config), limit),
    cloudWatch: limited(new CloudWatchClient(config), limit),
    elbv2: limited(new ElasticLoadBalancingV2Client(config), limit),
    elb: limited(new ElasticLoadBalancingClient(config), limit),
    sns: limited(new SNSClient(config), limit),
    vpcLattice: limited(new VPCLatticeClient(config), limit),
    kms: limited(new KMSClient(config), limit),
    eventBridgeIn: (region) => {
      const client = eventBridgeClients.get(region) ?? limited(new EventBridgeClient({ ...config, region }), limit);
      eventBridgeClients.set(region, client);
      return client;
    },
  };
}
