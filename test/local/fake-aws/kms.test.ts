import { createHmac } from 'node:crypto';
import { GenerateMacCommand, VerifyMacCommand } from '@aws-sdk/client-kms';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const MESSAGE = new TextEncoder().encode('v1 at=2026-11-24T12:00:00.000Z desired=2 added=1 ids=i-1');
const mac = async (keyId: string, message: Uint8Array = MESSAGE) => (await h.kms.send(new GenerateMacCommand({ KeyId: keyId, MacAlgorithm: 'HMAC_SHA_256', Message: message }))).Mac ?? new Uint8Array();
const verify = (keyId: string, macBytes: Uint8Array, message: Uint8Array = MESSAGE) => h.kms.send(new VerifyMacCommand({ KeyId: keyId, MacAlgorithm: 'HMAC_SHA_256', Message: message, Mac: macBytes }));

describe('KMS GenerateMac / VerifyMac over JSON 1.1', () => {
  it('computes a real HMAC-SHA-256 with the key\'s own material and verifies it, by key ARN or key ID', async () => {
    const keyArn = h.account.createKey();
    const keyId = keyArn.split('/')[1] ?? '';

    const generated = await mac(keyArn);

    const material = Buffer.from(h.account.state.kmsKeys[keyId]?.material ?? '', 'base64');
    expect(Buffer.from(generated)).toEqual(createHmac('sha256', material).update(MESSAGE).digest());
    expect(await verify(keyId, generated)).toMatchObject({ KeyId: keyArn, MacValid: true, MacAlgorithm: 'HMAC_SHA_256' });
    expect(h.account.generateMac(keyArn, MESSAGE)).toBe(Buffer.from(generated).toString('base64'));
  });

  it.each([
    ['the message changed', (good: Uint8Array) => ({ macBytes: good, message: new TextEncoder().encode('v1 at=2026-11-24T12:00:00.000Z desired=3 added=1 ids=i-1') })],
    ['the MAC changed in one byte', (good: Uint8Array) => ({ macBytes: Uint8Array.from(good, (byte, index) => (index === 0 ? byte ^ 1 : byte)), message: MESSAGE })],
    ['the MAC is shorter', (good: Uint8Array) => ({ macBytes: good.slice(0, 16), message: MESSAGE })],
  ])('answers a MAC that does not match (%s) with KMSInvalidMacException, never MacValid false', async (_title, tamper) => {
    const keyArn = h.account.createKey();
    const { macBytes, message } = tamper(await mac(keyArn));

    await expect(verify(keyArn, macBytes, message)).rejects.toMatchObject({ name: 'KMSInvalidMacException', $metadata: { httpStatusCode: 400 } });
  });

  it('a MAC from another key does not verify', async () => {
    const mine = h.account.createKey();
    const theirs = h.account.createKey();

    await expect(verify(mine, await mac(theirs))).rejects.toMatchObject({ name: 'KMSInvalidMacException' });
  });

  it.each([
    ['an unknown key ID', () => '1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['the key ARN in another region', (arn: string) => arn.replace(':us-east-1:', ':eu-west-1:')],
    ['the key ARN in another account', (arn: string) => arn.replace(':123456789012:', ':999999999999:')],
  ])('answers %s with NotFoundException', async (_title, keyOf) => {
    const keyArn = h.account.createKey();

    await expect(mac(keyOf(keyArn))).rejects.toMatchObject({ name: 'NotFoundException', $metadata: { httpStatusCode: 400 } });
  });

  it('refuses an algorithm the key spec does not support, and a key not made for MACs, with InvalidKeyUsageException', async () => {
    const hmac384 = h.account.createKey({ keySpec: 'HMAC_384' });
    const symmetric = h.account.createKey({ keySpec: 'SYMMETRIC_DEFAULT' });

    await expect(mac(hmac384)).rejects.toMatchObject({ name: 'InvalidKeyUsageException' });
    await expect(mac(symmetric)).rejects.toMatchObject({ name: 'InvalidKeyUsageException' });
  });

  it('refuses a disabled key (DisabledException) and one pending deletion (KMSInvalidStateException)', async () => {
    const disabled = h.account.createKey();
    const deleting = h.account.createKey();
    h.account.setKeyState(disabled, 'Disabled');
    h.account.setKeyState(deleting, 'PendingDeletion');

    await expect(mac(disabled)).rejects.toMatchObject({ name: 'DisabledException' });
    await expect(mac(deleting)).rejects.toMatchObject({ name: 'KMSInvalidStateException' });
  });

  it('refuses a message over 4,096 bytes', async () => {
    await expect(mac(h.account.createKey(), new Uint8Array(4097))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('answers a denied call with AccessDeniedException (HTTP 400) naming the key, and the SDK does not retry it', async () => {
    const keyArn = h.account.createKey();
    h.account.denyAction('kms:GenerateMac');

    await expect(mac(keyArn)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining(`kms:GenerateMac on resource: ${keyArn}`),
      $metadata: { httpStatusCode: 400, attempts: 1 },
    });
    expect(await verify(keyArn, Buffer.from(h.account.generateMac(keyArn, MESSAGE), 'base64'))).toMatchObject({ MacValid: true });
  });

  it('throttles with ThrottlingException, which the SDK retries', async () => {
    const keyArn = h.account.createKey();
    h.fake.setThrottle({ rate: 1, services: ['kms'] });
    // The second attempt arrives after the first was throttled: KMS has capacity again.
    h.account.onCall('GenerateMac', () => h.fake.setThrottle(undefined), { nth: 2 });

    await expect(mac(keyArn)).resolves.toHaveLength(32);
    expect(h.account.calls.map((call) => [call.action, call.throttled])).toEqual([['GenerateMac', true], ['GenerateMac', false]]);
  });

  it('counts neither call as changing anything (CloudTrail marks them read-only)', async () => {
    const keyArn = h.account.createKey();
    await verify(keyArn, await mac(keyArn));

    expect(h.account.calls.map((call) => call.action)).toEqual(['GenerateMac', 'VerifyMac']);
    expect(h.account.mutatingCalls()).toEqual([]);
  });

  it('keeps its keys in a saved account: a MAC made before saving verifies after', async () => {
    const keyArn = h.account.createKey();
    const before = h.account.generateMac(keyArn, MESSAGE);

    const reloaded = (await import('../../../local/fake-aws/account')).FakeAccount.deserialize(h.account.serialize());

    expect(reloaded.generateMac(keyArn, MESSAGE)).toBe(before);
  });
});
