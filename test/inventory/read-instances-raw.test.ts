import { DescribeInstancesCommand, EC2Client, type Instance, type InstanceStateName } from '@aws-sdk/client-ec2';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import type { AwsClients } from '../../lambda/clients';
import type { InstanceSnapshot } from '../../lambda/model/fleet';
import { readInstances, toInstanceSnapshot } from '../../lambda/inventory/read-instances';
import { SERVICES } from '../../local/fake-aws/services/registry';

const LIVE = new Set(['pending', 'running', 'stopping', 'stopped']);

/** EC2's XML for these instances, rendered by the local account's EC2 (one reservation each). */
function answerXml(instances: readonly Instance[], nextToken?: string): string {
  const ec2 = SERVICES.ec2;
  if (!ec2) throw new Error('the local account has no EC2');
  const output = { Reservations: instances.map((instance, index) => ({ ReservationId: `r-${index}`, OwnerId: '123456789012', Instances: [instance] })), ...(nextToken ? { NextToken: nextToken } : {}) };
  return ec2.render({ action: 'DescribeInstances', params: {} }, output, 'request-1').body;
}

interface Answer {
  readonly status: number;
  /** The body's bytes, in the chunks they arrive in. */
  readonly chunks: readonly Uint8Array[];
}

const whole = (body: string, status = 200): Answer => ({ status, chunks: [Buffer.from(body)] });

/** An HTTP layer answering the given answers in turn, so the SDK's own retries and error parsing run. */
function scriptedEc2(answers: readonly Answer[]) {
  const requests: string[] = [];
  const client = new EC2Client({
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
  return { clients: { ec2: client } as unknown as AwsClients, requests, client };
}

/** What the SDK's own parse gives, as snapshots of the live instances: the reference the raw reading is held to. */
async function parsedBySdk(body: string): Promise<Map<string, InstanceSnapshot>> {
  const { client } = scriptedEc2([whole(body)]);
  const output = await client.send(new DescribeInstancesCommand({}));
  const snapshots = (output.Reservations ?? []).flatMap((reservation) => (reservation.Instances ?? []).map(toInstanceSnapshot));
  return new Map(snapshots.filter((snapshot) => snapshot.instanceId && LIVE.has(snapshot.state)).map((snapshot) => [snapshot.instanceId, snapshot]));
}

/** Tag text as AWS allows it (letters, digits, spaces and `+-=._:/@`), plus what XML must escape and multi-byte characters. */
const tagText = fc.string({ unit: fc.constantFrom('a', 'Z', '7', ' ', '+', '-', '=', '.', '_', ':', '/', '@', '&', '<', '>', '"', "'", 'é', '日', '🚀'), maxLength: 12 });
const time = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true });
const device = fc.constantFrom('/dev/xvda', '/dev/sda1', '/dev/xvdb');

const instanceArbitrary: fc.Arbitrary<Instance> = fc.record(
  {
    InstanceId: fc.stringMatching(/^i-[0-9a-f]{8,17}$/),
    State: fc.record({ Name: fc.constantFrom<InstanceStateName>('pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated') }),
    ImageId: fc.stringMatching(/^ami-[0-9a-f]{8}$/),
    InstanceType: fc.constantFrom('t3.micro', 'm7g.large'),
    LaunchTime: time,
    RootDeviceName: device,
    BlockDeviceMappings: fc.array(fc.record({ DeviceName: device, Ebs: fc.record({ AttachTime: time, VolumeId: fc.constant('vol-1') }, { requiredKeys: ['VolumeId'] }) }), { maxLength: 3 }),
    NetworkInterfaces: fc.array(fc.record({ NetworkInterfaceId: fc.constant('eni-1'), Attachment: fc.record({ DeviceIndex: fc.integer({ min: 0, max: 2 }), AttachTime: time }, { requiredKeys: [] }) }, { requiredKeys: ['NetworkInterfaceId'] }), { maxLength: 3 }),
    Tags: fc.array(fc.record({ Key: tagText, Value: tagText }), { maxLength: 6 }),
  },
  { requiredKeys: ['InstanceId'] },
);

/** EC2's answers come indented, a line per element; the local account writes them on one line. `><` never occurs in escaped text. */
const indent = (xml: string): string => xml.replaceAll('><', '>\n    <');

/** The body cut into chunks at arbitrary byte offsets, through multi-byte characters too. */
function cut(body: string, cuts: readonly number[]): Uint8Array[] {
  const bytes = Buffer.from(body);
  const offsets = [...new Set(cuts.map((fraction) => Math.floor(fraction * bytes.length)))].sort((a, b) => a - b);
  return [0, ...offsets].map((start, index) => bytes.subarray(start, offsets[index] ?? bytes.length)).filter((chunk) => chunk.length > 0);
}

describe('readInstances reads EC2 answers as they arrive', () => {
  it('gives exactly the snapshots the SDK parse gives, for any instances, indented or not, however the answer is cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(instanceArbitrary, { maxLength: 8 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), fc.boolean(), async (instances, cuts, indented) => {
        const body = indented ? indent(answerXml(instances)) : answerXml(instances);
        const { clients } = scriptedEc2([{ status: 200, chunks: cut(body, cuts) }]);

        const read = await readInstances(clients);

        expect(read).toEqual(await parsedBySdk(body));
      }),
      { numRuns: 150 },
    );
  });

  it('follows the page token to the last page, keeping every page', async () => {
    const first = { InstanceId: 'i-1', State: { Name: 'running' as const } };
    const second = { InstanceId: 'i-2', State: { Name: 'stopped' as const } };
    const { clients, requests } = scriptedEc2([whole(answerXml([first], 'token&1')), whole(answerXml([second]))]);

    const read = await readInstances(clients);

    expect([...read.keys()]).toEqual(['i-1', 'i-2']);
    expect(requests).toHaveLength(2);
    expect(decodeURIComponent(requests[1] ?? '')).toContain('NextToken=token&1');
  });

  it('decodes what XML escapes in tags, and keeps the last of a repeated key as the SDK does', async () => {
    const body = answerXml([{ InstanceId: 'i-1', State: { Name: 'running' }, Tags: [{ Key: 'a&b', Value: '<x>' }, { Key: 'k', Value: '1' }, { Key: 'k', Value: '2' }] }]);
    const { clients } = scriptedEc2([whole(body)]);

    const read = await readInstances(clients);

    expect(read.get('i-1')?.tags).toEqual({ 'a&b': '<x>', k: '2' });
  });

  it('keeps only the answer that succeeded when a call is retried after throttling', async () => {
    const throttled = whole('<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>', 503);
    const { clients, requests } = scriptedEc2([throttled, whole(answerXml([{ InstanceId: 'i-9', State: { Name: 'running' } }]))]);

    const read = await readInstances(clients);

    expect([...read.keys()]).toEqual(['i-9']);
    expect(requests).toHaveLength(2);
  });

  it('fails with the service error EC2 gave (a denied call is not an empty fleet)', async () => {
    const denied = whole('<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>r</RequestID></Response>', 403);
    const { clients } = scriptedEc2([denied]);

    await expect(readInstances(clients)).rejects.toMatchObject({ name: 'UnauthorizedOperation' });
  });

  it('fails on an answer cut short, rather than reading a part of the fleet as all of it', async () => {
    const body = answerXml([{ InstanceId: 'i-1', State: { Name: 'running' } }, { InstanceId: 'i-2', State: { Name: 'running' } }]);
    const { clients } = scriptedEc2([whole(body.slice(0, Math.floor(body.length * 0.6)))]);

    await expect(readInstances(clients)).rejects.toThrow();
  });
});
