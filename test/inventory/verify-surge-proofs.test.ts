import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { KMSClient, VerifyMacCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { verifySurgeProofs } from '../../lambda/inventory/verify-surge-proofs';
import { surgeProofMessage } from '../../lambda/policy/surge-proof';
import { awsGroup, testClients } from './aws-fixtures';

const kms = mockClient(KMSClient);
beforeEach(() => kms.reset());

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ARN = 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:8e2e3a1f-1234-4d9e-9e43-1f0e2a2b7c3d:autoScalingGroupName/solo';
const RECORD = 'v1 at=2026-11-24T11:50:00.000Z desired=2 added=1 ids=i-old';
const PROOF = Buffer.alloc(32, 7).toString('base64');

const tagged = (tags: Record<string, string>, extra: Partial<AutoScalingGroup> = {}): AutoScalingGroup =>
  awsGroup('solo', ['i-old', 'i-new'], { AutoScalingGroupARN: ARN, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value, ResourceId: 'solo', ResourceType: 'auto-scaling-group' })), ...extra });

const SIGNED = { 'instance-reaper:surge-state': RECORD, 'instance-reaper:surge-proof': PROOF };
const failure = (name: string) => Object.assign(new Error(`${name} happened`), { name, $metadata: {} });

describe('verifySurgeProofs', () => {
  it('asks VerifyMac with the key, HMAC_SHA_256, the message bound to the group\'s ARN and exact record, and the decoded MAC', async () => {
    kms.on(VerifyMacCommand).resolves({ MacValid: true, KeyId: KEY, MacAlgorithm: 'HMAC_SHA_256' });

    const checks = await verifySurgeProofs(testClients(), [tagged(SIGNED)], KEY);

    expect(checks.get('solo')).toEqual({ verdict: 'valid' });
    expect(kms).toHaveReceivedCommandWith(VerifyMacCommand, { KeyId: KEY, MacAlgorithm: 'HMAC_SHA_256', Message: surgeProofMessage(ARN, RECORD), Mac: new Uint8Array(Buffer.alloc(32, 7)) });
  });

  it('makes no call for a group without a surge-state tag, and has no check for it', async () => {
    const checks = await verifySurgeProofs(testClients(), [awsGroup('web', ['i-1'])], KEY);

    expect(checks.has('web')).toBe(false);
    expect(kms.calls()).toHaveLength(0);
  });

  it.each([
    ['KMSInvalidMacException (the MAC does not match)', () => kms.on(VerifyMacCommand).rejects(failure('KMSInvalidMacException'))],
    ['an answer that is not MacValid true', () => kms.on(VerifyMacCommand).resolves({ MacValid: false })],
  ])('reads %s as a verdict: invalid', async (_title, answer) => {
    answer();

    const checks = await verifySurgeProofs(testClients(), [tagged(SIGNED)], KEY);

    expect(checks.get('solo')).toEqual({ verdict: 'invalid', why: expect.stringContaining('does not verify for this group and this record') });
  });

  it.each(['AccessDeniedException', 'ThrottlingException', 'NotFoundException', 'DisabledException', 'KMSInternalException'])(
    'reads %s as a read that failed, never a verdict: unverified, named',
    async (name) => {
      kms.on(VerifyMacCommand).rejects(failure(name));

      const checks = await verifySurgeProofs(testClients(), [tagged(SIGNED)], KEY);

      expect(checks.get('solo')).toEqual({ verdict: 'unverified', why: `VerifyMac failed: ${name}: ${name} happened` });
    },
  );

  it.each([
    ['no proof tag', { 'instance-reaper:surge-state': RECORD }, /carries no instance-reaper:surge-proof tag/],
    ['a proof that is not base64', { ...SIGNED, 'instance-reaper:surge-proof': 'not a mac' }, /is not an HMAC-SHA-256 in base64/],
    ['a proof of another length (an HMAC-SHA-512)', { ...SIGNED, 'instance-reaper:surge-proof': Buffer.alloc(64, 1).toString('base64') }, /is not an HMAC-SHA-256 in base64/],
  ])('finds %s invalid without asking KMS', async (_title, tags, why) => {
    const checks = await verifySurgeProofs(testClients(), [tagged(tags)], KEY);

    expect(checks.get('solo')).toEqual({ verdict: 'invalid', why: expect.stringMatching(why) });
    expect(kms.calls()).toHaveLength(0);
  });

  it('without a key, verifies nothing and says so: unverified', async () => {
    const checks = await verifySurgeProofs(testClients(), [tagged(SIGNED)], undefined);

    expect(checks.get('solo')).toEqual({ verdict: 'unverified', why: expect.stringContaining('REAPER_STATE_KEY_ARN is not set') });
    expect(kms.calls()).toHaveLength(0);
  });

  it('without the group\'s ARN (which the proof binds), verifies nothing: unverified', async () => {
    const checks = await verifySurgeProofs(testClients(), [tagged(SIGNED, { AutoScalingGroupARN: undefined })], KEY);

    expect(checks.get('solo')).toEqual({ verdict: 'unverified', why: expect.stringContaining('no ARN') });
  });
});

describe('surgeProofMessage', () => {
  const SAME_NAME_RECREATED = ARN.replace('8e2e3a1f-1234-4d9e-9e43-1f0e2a2b7c3d', '0b7c1f2e-9876-4d9e-9e43-1f0e2a2b7c3d');

  it.each([
    ['another group', ARN.replace('/solo', '/web'), RECORD],
    ['a group re-created under the same name (another UUID)', SAME_NAME_RECREATED, RECORD],
    ['the record edited', ARN, RECORD.replace('desired=2', 'desired=3')],
    ['the parts shifted between ARN and record', `${ARN}","v1`, RECORD.slice(3)],
  ])('differs for %s', (_title, groupArn, record) => {
    expect(Buffer.from(surgeProofMessage(groupArn, record))).not.toEqual(Buffer.from(surgeProofMessage(ARN, RECORD)));
  });

  it('names its version, so a later format never verifies as this one', () => {
    expect(new TextDecoder().decode(surgeProofMessage(ARN, RECORD))).toBe(JSON.stringify(['instance-reaper:surge-proof:v1', ARN, RECORD]));
  });
});
