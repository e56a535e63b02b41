import { AutoScalingClient, type AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { KMSClient } from '@aws-sdk/client-kms';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import type { AwsClients } from '../../lambda/clients';

export const NOW = Date.parse('2026-11-24T12:00:00Z');
export const daysAgo = (days: number) => new Date(NOW - days * 86_400_000);

const config = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 6, retryMode: 'standard' };

/** Real clients (mocked by aws-sdk-client-mock in the tests), as the function builds them. */
export function testClients(): AwsClients {
  return {
    ec2: new EC2Client(config),
    autoScaling: new AutoScalingClient(config),
    ssm: new SSMClient(config),
    cloudWatch: new CloudWatchClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    elb: new ElasticLoadBalancingClient(config),
    sns: new SNSClient(config),
    vpcLattice: new VPCLatticeClient(config),
    kms: new KMSClient(config),
    eventBridgeIn: (region) => new EventBridgeClient({ ...config, region }),
  };
}

export function awsGroup(name: string, instanceIds: string[], extra: Partial<AutoScalingGroup> = {}): AutoScalingGroup {
  return {
    AutoScalingGroupName: name,
    MinSize: 1,
    MaxSize: 10,
    DesiredCapacity: instanceIds.length,
    DefaultCooldown: 300,
    AvailabilityZones: ['us-east-1a'],
    HealthCheckType: 'EC2',
    CreatedTime: daysAgo(400),
    LaunchTemplate: { LaunchTemplateId: 'lt-web', Version: '$Latest' },
    Instances: instanceIds.map((id) => ({
      InstanceId: id,
      AvailabilityZone: 'us-east-1a',
      LifecycleState: 'InService',
      HealthStatus: 'Healthy',
      ProtectedFromScaleIn: false,
      InstanceType: 't3.small',
    })),
    Tags: [],
    ...extra,
  };
}

export function awsInstance(id: string, ageDays: number, imageId = 'ami-new', extra: Partial<Instance> = {}): Instance {
  return {
    InstanceId: id,
    ImageId: imageId,
    InstanceType: 't3.small',
    State: { Name: 'running', Code: 16 },
    LaunchTime: daysAgo(ageDays),
    RootDeviceName: '/dev/xvda',
    BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { AttachTime: daysAgo(ageDays), VolumeId: `vol-${id}` } }],
    NetworkInterfaces: [{ Attachment: { DeviceIndex: 0, AttachTime: daysAgo(ageDays) } }],
    Tags: [{ Key: 'aws:autoscaling:groupName', Value: 'web' }],
    ...extra,
  };
}

export const notFound = (message: string) => Object.assign(new Error(message), { name: 'InvalidAMIID.NotFound', $fault: 'client', $metadata: {} });
