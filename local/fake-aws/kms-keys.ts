import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AwsError } from './protocol/aws-error';
import type { AccountState, KmsKeyRecord } from './state';
import { nextUuid, type World } from './world';

/*
 * KMS keys as HMAC needs them ("HMAC keys in AWS KMS", AWS KMS Developer Guide): HMAC_224..512 keys with key usage
 * GENERATE_VERIFY_MAC, each with its own secret material; GenerateMac and VerifyMac compute a real HMAC (RFC 2104).
 */

export interface KeySpec {
  readonly keySpec?: KmsKeyRecord['keySpec'];
  readonly description?: string;
}

/** Bytes of key material per spec: HMAC keys hold as many as their digest (HMAC_256: 32). */
const MATERIAL_BYTES: Readonly<Record<KmsKeyRecord['keySpec'], number>> = { HMAC_224: 28, HMAC_256: 32, HMAC_384: 48, HMAC_512: 64, SYMMETRIC_DEFAULT: 32 };

/** The one MAC algorithm each HMAC key spec supports (HMAC_256 supports HMAC_SHA_256 only). */
export const MAC_ALGORITHM_OF: Readonly<Record<string, string>> = { HMAC_224: 'HMAC_SHA_224', HMAC_256: 'HMAC_SHA_256', HMAC_384: 'HMAC_SHA_384', HMAC_512: 'HMAC_SHA_512' };

const DIGEST_OF: Readonly<Record<string, string>> = { HMAC_SHA_224: 'sha224', HMAC_SHA_256: 'sha256', HMAC_SHA_384: 'sha384', HMAC_SHA_512: 'sha512' };

/** Creates an enabled key (HMAC_256 with GENERATE_VERIFY_MAC by default); returns its ARN. */
export function createKey(world: World, spec: KeySpec = {}): string {
  const { accountId, region } = world.state;
  const keyId = nextUuid(world.state);
  const keySpec = spec.keySpec ?? 'HMAC_256';
  world.state.kmsKeys[keyId] = {
    keyId,
    arn: `arn:aws:kms:${region}:${accountId}:key/${keyId}`,
    keySpec,
    keyUsage: keySpec === 'SYMMETRIC_DEFAULT' ? 'ENCRYPT_DECRYPT' : 'GENERATE_VERIFY_MAC',
    state: 'Enabled',
    material: randomBytes(MATERIAL_BYTES[keySpec]).toString('base64'),
    description: spec.description ?? '',
    createdAt: world.now(),
  };
  return world.state.kmsKeys[keyId].arn;
}

/**
 * The key a `KeyId` names: its ID or its ARN. A key of another account or region, an alias (not modelled) or an
 * unknown ID is NotFoundException, as AWS answers.
 */
export function findKey(state: AccountState, keyId: string | undefined): KmsKeyRecord {
  const id = keyId ?? '';
  const key = id.startsWith('arn:') ? Object.values(state.kmsKeys).find((candidate) => candidate.arn === id) : state.kmsKeys[id];
  if (!key) throw new AwsError('NotFoundException', `Key '${id.startsWith('arn:') ? id : `arn:aws:kms:${state.region}:${state.accountId}:key/${id}`}' does not exist`);
  return key;
}

/** The checks AWS makes before it computes a MAC: key state, key usage, algorithm for the key spec, message size. */
export function macKey(state: AccountState, keyId: string | undefined, algorithm: string | undefined, message: Buffer): KmsKeyRecord {
  const key = findKey(state, keyId);
  if (key.state === 'Disabled') throw new AwsError('DisabledException', `${key.arn} is disabled.`);
  if (key.state === 'PendingDeletion') throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
  if (!algorithm || !DIGEST_OF[algorithm]) throw new AwsError('ValidationException', `1 validation error detected: Value '${algorithm ?? ''}' at 'macAlgorithm' failed to satisfy constraint`);
  if (key.keyUsage !== 'GENERATE_VERIFY_MAC' || MAC_ALGORITHM_OF[key.keySpec] !== algorithm) {
    throw new AwsError('InvalidKeyUsageException', `${key.arn} key usage is ${key.keyUsage} which is not valid for ${algorithm} with key spec ${key.keySpec}.`);
  }
  if (message.length < 1 || message.length > 4096) {
    throw new AwsError('ValidationException', "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length less than or equal to 4096");
  }
  return key;
}

export function hmac(key: KmsKeyRecord, algorithm: string, message: Buffer): Buffer {
  return createHmac(DIGEST_OF[algorithm] ?? 'sha256', Buffer.from(key.material, 'base64')).update(message).digest();
}

/** Compared in constant time; a MAC of another length never matches. */
export function macMatches(expected: Buffer, given: Buffer): boolean {
  return expected.length === given.length && timingSafeEqual(expected, given);
}
