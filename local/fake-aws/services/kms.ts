import { GenerateMac$, VerifyMac$, type GenerateMacResponse, type VerifyMacResponse } from '@aws-sdk/client-kms';
import type { FakeAccount } from '../account';
import { hmac, macKey, macMatches } from '../kms-keys';
import { accessDenied } from '../protocol/access-denied';
import { AwsError } from '../protocol/aws-error';
import { jsonService } from '../protocol/json-service';
import { operation } from '../protocol/service';

/** Blobs travel as base64 strings in AWS JSON; the answer carries the MAC the same way. */
interface WireMacRequest {
  readonly KeyId?: string;
  readonly MacAlgorithm?: string;
  readonly Message?: string;
  readonly Mac?: string;
}

const bytes = (base64: string | undefined): Buffer => Buffer.from(base64 ?? '', 'base64');

function generateMac(account: FakeAccount, input: WireMacRequest): Omit<GenerateMacResponse, 'Mac'> & { Mac: string } {
  const message = bytes(input.Message);
  const key = macKey(account.state, input.KeyId, input.MacAlgorithm, message);
  return { KeyId: key.arn, MacAlgorithm: input.MacAlgorithm as GenerateMacResponse['MacAlgorithm'], Mac: hmac(key, input.MacAlgorithm ?? '', message).toString('base64') };
}

/**
 * A MAC that does not match fails the call with KMSInvalidMacException ("If the HMAC is not verified, the VerifyMac
 * operation fails with a KMSInvalidMacException exception", VerifyMac, AWS KMS API Reference): never MacValid false.
 */
function verifyMac(account: FakeAccount, input: WireMacRequest): VerifyMacResponse {
  const message = bytes(input.Message);
  const key = macKey(account.state, input.KeyId, input.MacAlgorithm, message);
  if (!macMatches(hmac(key, input.MacAlgorithm ?? '', message), bytes(input.Mac))) throw new AwsError('KMSInvalidMacException', '');
  return { KeyId: key.arn, MacAlgorithm: input.MacAlgorithm as VerifyMacResponse['MacAlgorithm'], MacValid: true };
}

/** KMS over AWS JSON 1.1 (target prefix TrentService); it throttles with ThrottlingException ("Throttling AWS KMS requests"). */
export const kmsService = jsonService({
  signingName: 'kms',
  serviceIds: ['KMS'],
  jsonVersion: '1.1',
  targetPrefix: 'TrentService',
  operations: {
    GenerateMac: operation(GenerateMac$, generateMac),
    VerifyMac: operation(VerifyMac$, verifyMac),
  },
  throttle: () => new AwsError('ThrottlingException', 'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.'),
  accessDenied: accessDenied.kms,
});
