import { DescribeInstancesCommand, Tag$ } from '@aws-sdk/client-ec2';
import { NormalizedSchema } from '@smithy/core/schema';
import { writeContent } from '../../../local/fake-aws/protocol/shape-xml';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const describe1 = async (instanceId: string) => (await h.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))).Reservations?.[0]?.Instances?.[0];

describe('answers written once per unchanged instance', () => {
  it('show every change of an instance record: its state, its tags, its zone', async () => {
    const instanceId = h.account.addInstance({ imageId: h.account.addImage() });
    expect(await describe1(instanceId)).toMatchObject({ State: { Name: 'running' } });

    const record = h.account.state.instances[instanceId];
    if (!record) throw new Error('no record');
    record.state = 'stopped';
    record.tags = { ...record.tags, team: 'web' };
    record.availabilityZone = 'us-east-1c';

    expect(await describe1(instanceId)).toMatchObject({ State: { Name: 'stopped' }, Tags: [{ Key: 'team', Value: 'web' }], Placement: { AvailabilityZone: 'us-east-1c' } });
  });

  it('write a frozen structure once, and anything else each time', () => {
    const schema = NormalizedSchema.of(Tag$);
    const open: { Key: string; Value: string } = { Key: 'a', Value: '1' };
    const frozen = Object.freeze({ Key: 'b', Value: '2' });

    expect(writeContent(schema, open)).toBe('<key>a</key><value>1</value>');
    open.Value = '3';
    expect(writeContent(schema, open)).toBe('<key>a</key><value>3</value>');
    expect(writeContent(schema, frozen)).toBe('<key>b</key><value>2</value>');
  });
});
