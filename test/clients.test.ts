import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { Readable } from 'node:stream';
import { createClients, MAX_CALLS_IN_FLIGHT, RETRY_SETTINGS } from '../lambda/clients';

const EC2_THROTTLE = { status: 503, body: '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>' };
const EC2_OK = { status: 200, body: '<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><reservationSet/></DescribeInstancesResponse>' };
const ASG_THROTTLE = { status: 400, body: '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>' };
const ASG_OK = {
  status: 200,
  body: '<DescribeAutoScalingGroupsResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/"><DescribeAutoScalingGroupsResult><AutoScalingGroups/></DescribeAutoScalingGroupsResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeAutoScalingGroupsResponse>',
};

/** An HTTP layer that answers with the given responses in turn, so the SDK's real retry strategy runs. */
function scriptedHandler(responses: { status: number; body: string }[]) {
  const requests: unknown[] = [];
  return {
    requests,
    handle: (request: unknown) => {
      requests.push(request);
      const next = responses[Math.min(requests.length, responses.length) - 1] ?? { status: 500, body: '' };
      return Promise.resolve({ response: { statusCode: next.status, headers: { 'content-type': 'text/xml' }, body: Readable.from([next.body]) } });
    },
  };
}

const base = { ...RETRY_SETTINGS, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

describe('client retry settings', () => {
  it('allow at least 5 attempts per call, in adaptive mode', async () => {
    const client = new EC2Client(base);

    await expect(client.config.maxAttempts()).resolves.toBeGreaterThanOrEqual(5);
    await expect(client.config.retryStrategy()).resolves.toMatchObject({ mode: 'adaptive' });
  });

  it('are the ones the function builds: every client of createClients allows at least 5 attempts', async () => {
    const { eventBridgeIn, ...fixed } = createClients();
    const clients = [...Object.values(fixed), eventBridgeIn('eu-west-1')] as unknown as { config: { maxAttempts: () => Promise<number> } }[];

    const attempts = await Promise.all(clients.map((client) => client.config.maxAttempts()));

    expect(attempts).toHaveLength(10);
    for (const count of attempts) expect(count).toBeGreaterThanOrEqual(5);
  });

  it('retry EC2 RequestLimitExceeded until the call succeeds', async () => {
    const handler = scriptedHandler([EC2_THROTTLE, EC2_OK]);
    const client = new EC2Client({ ...base, requestHandler: handler });

    await expect(client.send(new DescribeInstancesCommand({}))).resolves.toMatchObject({ Reservations: [] });
    expect(handler.requests).toHaveLength(2);
  });

  it('retry Auto Scaling Throttling until the call succeeds', async () => {
    const handler = scriptedHandler([ASG_THROTTLE, ASG_OK]);
    const client = new AutoScalingClient({ ...base, requestHandler: handler });

    await expect(client.send(new DescribeAutoScalingGroupsCommand({}))).resolves.toMatchObject({ AutoScalingGroups: [] });
    expect(handler.requests).toHaveLength(2);
  });

  it('keep at most 8 calls in flight across every client at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const slowHandler = {
      handle: async (request: { headers: Record<string, string> }) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight -= 1;
        const ec2 = String(request.headers.authorization ?? '').includes('/ec2/');
        const answer = ec2 ? EC2_OK : ASG_OK;
        return { response: { statusCode: 200, headers: { 'content-type': 'text/xml' }, body: Readable.from([answer.body]) } };
      },
    };
    const clients = createClients({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, requestHandler: slowHandler });

    const calls = Array.from({ length: 12 }, () => [clients.ec2.send(new DescribeInstancesCommand({})), clients.autoScaling.send(new DescribeAutoScalingGroupsCommand({}))]).flat();
    await Promise.all(calls);

    expect(MAX_CALLS_IN_FLIGHT).toBe(8);
    expect(peak).toBe(8);
  });
});
