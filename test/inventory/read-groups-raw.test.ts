import { AutoScalingClient, DescribeAutoScalingGroupsCommand, type AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import type { AwsClients } from '../../lambda/clients';
import { readFieldsOf, readGroups } from '../../lambda/inventory/read-groups';
import { SchemaPageReader } from '../../lambda/inventory/schema-page-reader';
import type { StaticOperationSchema } from '@smithy/types';
import { SERVICES } from '../../local/fake-aws/services/registry';

/** Auto Scaling's XML for these groups, rendered by the local account's Auto Scaling. */
function answerXml(groups: readonly AutoScalingGroup[], nextToken?: string): string {
  const autoScaling = SERVICES.autoscaling;
  if (!autoScaling) throw new Error('the local account has no Auto Scaling');
  return autoScaling.render({ action: 'DescribeAutoScalingGroups', params: {} }, { AutoScalingGroups: groups, ...(nextToken ? { NextToken: nextToken } : {}) }, 'request-1').body;
}

interface Answer {
  readonly status: number;
  readonly chunks: readonly Uint8Array[];
}

const whole = (body: string, status = 200): Answer => ({ status, chunks: [Buffer.from(body)] });

/** An HTTP layer answering the given answers in turn, so the SDK's own retries and error parsing run. */
function scriptedAutoScaling(answers: readonly Answer[]) {
  const requests: string[] = [];
  const client = new AutoScalingClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 3,
    retryMode: 'standard',
    requestHandler: {
      handle: (request: { body?: string }) => {
        requests.push(request.body ?? '');
        const answer = answers[Math.min(requests.length, answers.length) - 1] ?? whole('', 500);
        return Promise.resolve({ response: { statusCode: answer.status, headers: { 'content-type': 'text/xml' }, body: Readable.from(answer.chunks.map((chunk) => Buffer.from(chunk))) } });
      },
    },
  });
  return { clients: { autoScaling: client } as unknown as AwsClients, requests, client };
}

/** The SDK's own parse of the answer, cut to the fields the reaper reads: the reference the raw reading is held to. */
async function parsedBySdk(body: string): Promise<AutoScalingGroup[]> {
  const { client } = scriptedAutoScaling([whole(body)]);
  const output = await client.send(new DescribeAutoScalingGroupsCommand({}));
  return (output.AutoScalingGroups ?? []).map(readFieldsOf);
}

/** Text as tags allow it, plus what XML must escape and multi-byte characters. */
const text = fc.string({ unit: fc.constantFrom('a', 'Z', '7', ' ', '+', '-', '=', '.', '_', ':', '/', '@', '&', '<', '>', '"', "'", 'é', '日', '🚀'), maxLength: 10 });
const time = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true });
const count = fc.integer({ min: 0, max: 500 });
const zone = fc.constantFrom('us-east-1a', 'us-east-1b', 'us-east-1c');
const template = fc.record({ LaunchTemplateId: fc.stringMatching(/^lt-[0-9a-f]{8}$/), LaunchTemplateName: text, Version: fc.constantFrom('$Latest', '$Default', '3') }, { requiredKeys: [] });

/** Every field the reaper reads, and fields it does not (subnets, metrics, policies, ...), each present or not. */
const groupArbitrary = fc.record(
  {
    AutoScalingGroupName: text,
    AutoScalingGroupARN: text,
    MinSize: count,
    MaxSize: count,
    DesiredCapacity: count,
    DesiredCapacityType: fc.constantFrom('units', 'vcpu', 'memory-mib'),
    DefaultCooldown: count,
    AvailabilityZones: fc.array(zone, { maxLength: 3 }),
    HealthCheckType: fc.constantFrom('EC2', 'ELB'),
    HealthCheckGracePeriod: count,
    CreatedTime: time,
    Status: text,
    VPCZoneIdentifier: text,
    LaunchConfigurationName: text,
    LaunchTemplate: template,
    MixedInstancesPolicy: fc.record(
      {
        LaunchTemplate: fc.record(
          {
            LaunchTemplateSpecification: template,
            Overrides: fc.array(fc.record({ InstanceType: fc.constantFrom('m7g.large', 'c7g.large'), WeightedCapacity: fc.constantFrom('1', '2', '4'), LaunchTemplateSpecification: template }, { requiredKeys: [] }), { maxLength: 3 }),
          },
          { requiredKeys: [] },
        ),
        InstancesDistribution: fc.record({ OnDemandBaseCapacity: count, SpotAllocationStrategy: fc.constant('price-capacity-optimized') }),
      },
      { requiredKeys: [] },
    ),
    Instances: fc.array(
      fc.record(
        {
          InstanceId: fc.stringMatching(/^i-[0-9a-f]{8,17}$/),
          InstanceType: fc.constantFrom('m7g.large', 'c7g.large'),
          AvailabilityZone: zone,
          LifecycleState: fc.constantFrom('Pending', 'InService', 'Terminating', 'Standby', 'Warmed:Stopped'),
          HealthStatus: fc.constantFrom('Healthy', 'Unhealthy'),
          ProtectedFromScaleIn: fc.boolean(),
          WeightedCapacity: fc.constantFrom('1', '2', '8'),
          LaunchTemplate: template,
        },
        { requiredKeys: ['InstanceId', 'LifecycleState', 'HealthStatus', 'ProtectedFromScaleIn', 'AvailabilityZone'] },
      ),
      { maxLength: 4 },
    ),
    SuspendedProcesses: fc.array(fc.record({ ProcessName: fc.constantFrom('Launch', 'Terminate', 'ReplaceUnhealthy'), SuspensionReason: text }), { maxLength: 2 }),
    Tags: fc.array(fc.record({ Key: text, Value: text, ResourceId: text, ResourceType: fc.constant('auto-scaling-group'), PropagateAtLaunch: fc.boolean() }), { maxLength: 5 }),
    TargetGroupARNs: fc.array(text, { maxLength: 2 }),
    LoadBalancerNames: fc.array(text, { maxLength: 2 }),
    TrafficSources: fc.array(fc.record({ Identifier: text, Type: fc.constantFrom('elb', 'elbv2', 'vpc-lattice') }), { maxLength: 2 }),
    EnabledMetrics: fc.array(fc.record({ Metric: fc.constant('GroupInServiceInstances'), Granularity: fc.constant('1Minute') }), { maxLength: 2 }),
    DefaultInstanceWarmup: fc.integer({ min: -1, max: 3600 }),
    InstanceMaintenancePolicy: fc.record({ MinHealthyPercentage: fc.integer({ min: -1, max: 100 }), MaxHealthyPercentage: fc.integer({ min: -1, max: 200 }) }, { requiredKeys: [] }),
    WarmPoolConfiguration: fc.record({ MinSize: count, PoolState: fc.constantFrom('Stopped', 'Running', 'Hibernated'), Status: fc.constant('PendingDelete') }, { requiredKeys: [] }),
    CapacityRebalance: fc.boolean(),
    NewInstancesProtectedFromScaleIn: fc.boolean(),
  },
  { requiredKeys: ['AutoScalingGroupName'] },
) as unknown as fc.Arbitrary<AutoScalingGroup>;

/** Answers come indented on AWS, one line per element; `><` never occurs in escaped text. */
const indent = (xml: string): string => xml.replaceAll('><', '>\n    <');

/** The body cut into chunks at arbitrary byte offsets, through multi-byte characters too. */
function cut(body: string, cuts: readonly number[]): Uint8Array[] {
  const bytes = Buffer.from(body);
  const offsets = [...new Set(cuts.map((fraction) => Math.floor(fraction * bytes.length)))].sort((a, b) => a - b);
  return [0, ...offsets].map((start, index) => bytes.subarray(start, offsets[index] ?? bytes.length)).filter((chunk) => chunk.length > 0);
}

describe('readGroups reads Auto Scaling answers as they arrive', () => {
  it('gives exactly the fields of the SDK parse the reaper reads, for any groups, indented or not, however the answer is cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(groupArbitrary, { maxLength: 5 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), fc.boolean(), async (groups, cuts, indented) => {
        const body = indented ? indent(answerXml(groups)) : answerXml(groups);
        const { clients } = scriptedAutoScaling([{ status: 200, chunks: cut(body, cuts) }]);

        const read = await readGroups(clients);

        expect(read.groups).toEqual(await parsedBySdk(body));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps none of what the reaper does not read', async () => {
    const body = answerXml([{ AutoScalingGroupName: 'web', VPCZoneIdentifier: 'subnet-1', EnabledMetrics: [{ Metric: 'GroupInServiceInstances' }], Instances: [{ InstanceId: 'i-1', LaunchTemplate: { LaunchTemplateId: 'lt-1' } }] } as unknown as AutoScalingGroup]);
    const { clients } = scriptedAutoScaling([whole(body)]);

    const [group] = (await readGroups(clients)).groups;

    expect(group).toEqual({ AutoScalingGroupName: 'web', Instances: [{ InstanceId: 'i-1' }] });
  });

  it('follows the page token to the last page, keeping every page', async () => {
    const { clients, requests } = scriptedAutoScaling([whole(answerXml([{ AutoScalingGroupName: 'a' } as AutoScalingGroup], 'token&1')), whole(answerXml([{ AutoScalingGroupName: 'b' } as AutoScalingGroup]))]);

    const read = await readGroups(clients);

    expect(read.groups.map((group) => group.AutoScalingGroupName)).toEqual(['a', 'b']);
    expect(requests).toHaveLength(2);
    expect(decodeURIComponent(requests[1] ?? '')).toContain('NextToken=token&1');
  });

  it('keeps only the answer that succeeded when a call is retried after throttling', async () => {
    const throttled = whole('<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>', 400);
    const { clients, requests } = scriptedAutoScaling([throttled, whole(answerXml([{ AutoScalingGroupName: 'web' } as AutoScalingGroup]))]);

    const read = await readGroups(clients);

    expect(read.groups).toEqual([{ AutoScalingGroupName: 'web' }]);
    expect(requests).toHaveLength(2);
  });

  it('fails with the service error Auto Scaling gave (a denied call is not an account without groups)', async () => {
    const denied = whole('<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized</Message></Error><RequestId>r</RequestId></ErrorResponse>', 403);
    const { clients } = scriptedAutoScaling([denied]);

    await expect(readGroups(clients)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('fails on an answer cut short, rather than reading some groups as all of them', async () => {
    const body = answerXml([{ AutoScalingGroupName: 'a' } as AutoScalingGroup, { AutoScalingGroupName: 'b' } as AutoScalingGroup]);
    const { clients } = scriptedAutoScaling([whole(body.slice(0, Math.floor(body.length * 0.6)))]);

    await expect(readGroups(clients)).rejects.toThrow();
  });

  it('fails on an answer that holds no result, rather than reading it as no groups', async () => {
    const { clients } = scriptedAutoScaling([whole('<DescribeAutoScalingGroupsResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeAutoScalingGroupsResponse>')]);

    await expect(readGroups(clients)).rejects.toThrow('the answer has no DescribeAutoScalingGroupsResponse > DescribeAutoScalingGroupsResult');
  });
});

/** A made-up operation whose output holds a map of strings (schema 128 | 0) and a string. */
const WITH_A_MAP = [9, 'test', 'Op', 0, () => 'unit', () => [3, 'test', 'Out', 0, ['Labels', 'Name'], [128 | 0, 0]]] as unknown as StaticOperationSchema;
const MAP_ANSWER = '<OpResponse><OpResult><Name>x</Name><Labels><entry><key>k</key><value>v</value></entry></Labels></OpResult></OpResponse>';

describe('SchemaPageReader', () => {
  it('skips a map it is not asked to keep', () => {
    const reader = new SchemaPageReader(WITH_A_MAP, ['OpResponse', 'OpResult'], { Name: true });
    reader.write(MAP_ANSWER);
    expect(reader.close()).toEqual({ Name: 'x' });
  });

  it('refuses to keep a map, which it cannot read as the SDK would, rather than read it half', () => {
    const reader = new SchemaPageReader(WITH_A_MAP, ['OpResponse', 'OpResult'], { Labels: true });
    expect(() => reader.write(MAP_ANSWER)).toThrow('maps, blobs and documents are not read');
  });
});
