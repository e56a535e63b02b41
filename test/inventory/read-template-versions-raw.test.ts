import { DescribeLaunchTemplateVersionsCommand, EC2Client, type LaunchTemplateVersion } from '@aws-sdk/client-ec2';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import type { AwsClients } from '../../lambda/clients';
import { readTemplateVersions } from '../../lambda/inventory/read-template-versions';
import { keepOnly } from '../../lambda/inventory/schema-page-reader';
import { SERVICES } from '../../local/fake-aws/services/registry';

/** EC2's XML for these versions, rendered by the local account's EC2. */
function answerXml(versions: readonly LaunchTemplateVersion[], nextToken?: string): string {
  const ec2 = SERVICES.ec2;
  if (!ec2) throw new Error('the local account has no EC2');
  return ec2.render({ action: 'DescribeLaunchTemplateVersions', params: {} }, { LaunchTemplateVersions: versions, ...(nextToken ? { NextToken: nextToken } : {}) }, 'request-1').body;
}

/** An HTTP layer answering the given bodies in turn. */
function scriptedEc2(bodies: readonly string[]) {
  const requests: string[] = [];
  const client = new EC2Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: {
      handle: (request: { body?: string }) => {
        requests.push(request.body ?? '');
        const body = bodies[Math.min(requests.length, bodies.length) - 1] ?? '';
        return Promise.resolve({ response: { statusCode: 200, headers: { 'content-type': 'text/xml' }, body: Readable.from([Buffer.from(body)]) } });
      },
    },
  });
  return { clients: { ec2: client } as unknown as AwsClients, requests, client };
}

const KEPT = { LaunchTemplateId: true, LaunchTemplateName: true, VersionNumber: true, DefaultVersion: true, LaunchTemplateData: { ImageId: true } } as const;

const text = fc.string({ unit: fc.constantFrom('a', '7', ' ', '-', ':', '/', '&', '<', '"', 'é', '🚀'), maxLength: 10 });
const versionArbitrary = fc.record(
  {
    LaunchTemplateId: fc.stringMatching(/^lt-[0-9a-f]{8}$/),
    LaunchTemplateName: text,
    VersionNumber: fc.integer({ min: 1, max: 500 }),
    VersionDescription: text,
    CreateTime: fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }),
    CreatedBy: text,
    DefaultVersion: fc.boolean(),
    LaunchTemplateData: fc.record(
      {
        ImageId: fc.oneof(fc.stringMatching(/^ami-[0-9a-f]{8}$/), fc.constant('resolve:ssm:/ami/web&latest')),
        InstanceType: fc.constantFrom('m7g.large', 't3.micro'),
        UserData: fc.base64String({ maxLength: 40 }),
        SecurityGroupIds: fc.array(fc.stringMatching(/^sg-[0-9a-f]{8}$/), { maxLength: 2 }),
        TagSpecifications: fc.array(fc.record({ ResourceType: fc.constant('instance'), Tags: fc.array(fc.record({ Key: text, Value: text }), { maxLength: 2 }) }), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
) as unknown as fc.Arbitrary<LaunchTemplateVersion>;

describe('readTemplateVersions reads EC2 answers as they arrive', () => {
  it('gives exactly the fields of the SDK parse the reaper reads, for any versions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(versionArbitrary, { maxLength: 5 }), async (versions) => {
        const body = answerXml(versions);
        const { clients } = scriptedEc2([body]);
        const { client } = scriptedEc2([body]);

        const read = await readTemplateVersions(clients, {});

        const parsed = await client.send(new DescribeLaunchTemplateVersionsCommand({}));
        expect(read).toEqual((parsed.LaunchTemplateVersions ?? []).map((version) => keepOnly(version, KEPT)));
      }),
      { numRuns: 100 },
    );
  });

  it('keeps no user data, network settings or tags', async () => {
    const { clients } = scriptedEc2([answerXml([{ LaunchTemplateId: 'lt-1', VersionNumber: 2, LaunchTemplateData: { ImageId: 'ami-1', UserData: 'c2VjcmV0', SecurityGroupIds: ['sg-1'] } }])]);

    expect(await readTemplateVersions(clients, {})).toEqual([{ LaunchTemplateId: 'lt-1', VersionNumber: 2, LaunchTemplateData: { ImageId: 'ami-1' } }]);
  });

  it('follows the page token to the last page', async () => {
    const { clients, requests } = scriptedEc2([answerXml([{ LaunchTemplateId: 'lt-1', VersionNumber: 1 }], 'next&1'), answerXml([{ LaunchTemplateId: 'lt-2', VersionNumber: 1 }])]);

    const read = await readTemplateVersions(clients, { Versions: ['$Latest'] });

    expect(read.map((version) => version.LaunchTemplateId)).toEqual(['lt-1', 'lt-2']);
    expect(decodeURIComponent(requests[1] ?? '')).toContain('NextToken=next&1');
  });
});
