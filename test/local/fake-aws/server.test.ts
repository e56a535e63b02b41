import { AutoScalingClient, DescribeAutoScalingGroupsCommand, TerminateInstanceInAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeInstancesCommand, EC2Client, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { DescribeTargetHealthCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { seedWebGroup, startHarness, type Harness } from './harness';

let h: Harness;
afterEach(() => h.close());

const noRetry = (harness: Harness) => ({
  endpoint: harness.fake.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  maxAttempts: 1,
});

async function allInstanceIds(client: EC2Client): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of paginateDescribeInstances({ client }, { MaxResults: 5 })) {
    for (const reservation of page.Reservations ?? []) ids.push(...(reservation.Instances ?? []).map((instance) => instance.InstanceId ?? ''));
  }
  return ids;
}

describe('the endpoint', () => {
  it('offers the exact AWS_ENDPOINT_URL_* variables the SDK reads, all at one loopback endpoint', async () => {
    h = await startHarness();
    expect(h.fake.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(h.fake.env).toMatchObject({
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_EC2: h.fake.endpoint,
      AWS_ENDPOINT_URL_AUTO_SCALING: h.fake.endpoint,
      AWS_ENDPOINT_URL_SSM: h.fake.endpoint,
      AWS_ENDPOINT_URL_CLOUDWATCH: h.fake.endpoint,
      AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING: h.fake.endpoint,
      AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: h.fake.endpoint,
      AWS_ENDPOINT_URL_SNS: h.fake.endpoint,
    });
    const response = await fetch(h.fake.endpoint, { method: 'POST', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20250601/us-east-1/lambda/aws4_request' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnknownService' });
  });

  it('logs every call with its decoded parameters', async () => {
    h = await startHarness();
    seedWebGroup(h.account);
    const input = { Filters: [{ Name: 'instance-state-name', Values: ['running', 'stopped'] }], MaxResults: 10 };
    await h.ec2.send(new DescribeInstancesCommand(input));
    expect(h.account.calls).toEqual([{ service: 'ec2', action: 'DescribeInstances', params: input, throttled: false }]);
    h.account.clearCalls();
    expect(h.account.calls).toEqual([]);
  });
});

describe('throttling', () => {
  it('answers each service with its own throttling error', async () => {
    h = await startHarness({ server: { throttle: { rate: 1 } } });
    const ec2 = new EC2Client(noRetry(h));
    const autoScaling = new AutoScalingClient(noRetry(h));
    await expect(ec2.send(new DescribeInstancesCommand({}))).rejects.toMatchObject({ name: 'RequestLimitExceeded', $metadata: { httpStatusCode: 503 } });
    await expect(autoScaling.send(new DescribeAutoScalingGroupsCommand({}))).rejects.toMatchObject({
      name: 'Throttling',
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400 },
    });
    const others = [
      [new SSMClient(noRetry(h)), new GetParameterCommand({ Name: '/x' }), 'ThrottlingException', 400],
      [new CloudWatchClient(noRetry(h)), new DescribeAlarmsCommand({}), 'Throttling', 400],
      [new ElasticLoadBalancingV2Client(noRetry(h)), new DescribeTargetHealthCommand({ TargetGroupArn: 'arn' }), 'Throttling', 400],
      [new SNSClient(noRetry(h)), new PublishCommand({ TopicArn: 'arn', Message: 'm' }), 'ThrottledException', 429],
    ] as const;
    for (const [client, command, name, status] of others) {
      // One loop over four client types: only `send` matters here.
      await expect((client as unknown as { send(command: unknown): Promise<unknown> }).send(command)).rejects.toMatchObject({ name, $metadata: { httpStatusCode: status } });
      client.destroy();
    }
    ec2.destroy();
    autoScaling.destroy();
  });

  it('gives the same answers through retries, and a throttled call changes nothing', async () => {
    h = await startHarness({ server: { throttle: { rate: 0.5, seed: 3 } } });
    const { instanceIds } = seedWebGroup(h.account);
    for (let index = 0; index < 9; index += 1) h.account.addInstance({ imageId: h.account.addImage() });
    expect(await allInstanceIds(h.ec2)).toEqual(Object.keys(h.account.state.instances));

    await h.autoScaling.send(new TerminateInstanceInAutoScalingGroupCommand({ InstanceId: instanceIds[0], ShouldDecrementDesiredCapacity: false }));
    const terminations = h.account.calls.filter((call) => call.action === 'TerminateInstanceInAutoScalingGroup');
    expect(terminations.filter((call) => !call.throttled)).toHaveLength(1);
    expect(h.account.group('web').members.filter((member) => member.lifecycleState === 'Pending')).toHaveLength(1);
    expect(h.fake.stats().throttled).toBe(h.account.calls.filter((call) => call.throttled).length);
    expect(h.fake.stats().throttled).toBeGreaterThan(0);
  });
});

it('holds calls for the configured latency and counts how many were served at once', async () => {
  h = await startHarness({ server: { latencyMs: 40 } });
  seedWebGroup(h.account);
  const started = Date.now();
  await Promise.all(Array.from({ length: 6 }, () => h.autoScaling.send(new DescribeAutoScalingGroupsCommand({}))));
  expect(Date.now() - started).toBeGreaterThanOrEqual(40);
  expect(h.fake.stats()).toMatchObject({ requests: 6, inFlight: 0, peakInFlight: 6 });
  h.fake.resetStats();
  h.fake.setLatency(0);
  expect(h.fake.stats()).toEqual({ requests: 0, throttled: 0, inFlight: 0, peakInFlight: 0 });
});
