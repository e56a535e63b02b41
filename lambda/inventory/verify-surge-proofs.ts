import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { VerifyMacCommand } from '@aws-sdk/client-kms';
import type { AwsClients } from '../clients';
import type { SurgeProofCheck } from '../model/fleet';
import { SURGE_PROOF_ALGORITHM, surgeProofMessage } from '../policy/surge-proof';
import { TAG } from '../policy/tag-keys';
import { describeError, errorName } from '../util/describe-error';

/** A SHA-256 HMAC is 32 bytes: 44 base64 characters with one `=` of padding. */
const PROOF_TEXT = /^[A-Za-z0-9+/]{43}=$/;

const tagOf = (group: AutoScalingGroup, key: string): string | undefined => group.Tags?.find((tag) => tag.Key === key)?.Value;

const INVALID_MAC = { verdict: 'invalid', why: `its ${TAG.surgeProof} tag does not verify for this group and this record (edited, copied from another group, or written by hand)` } as const;

/**
 * VerifyMac answers a MAC that does not match with KMSInvalidMacException ("If the HMAC is not verified, the VerifyMac
 * operation fails with a KMSInvalidMacException exception", VerifyMac, AWS KMS API Reference): that is a verdict. Any
 * other failure (throttled past retries, AccessDenied, a key disabled or gone) is a read that failed: a hold.
 */
async function verify(clients: AwsClients, keyArn: string, groupArn: string, state: string, mac: Uint8Array): Promise<SurgeProofCheck> {
  try {
    const answer = await clients.kms.send(
      new VerifyMacCommand({ KeyId: keyArn, MacAlgorithm: SURGE_PROOF_ALGORITHM, Message: surgeProofMessage(groupArn, state), Mac: mac }),
    );
    return answer.MacValid === true ? { verdict: 'valid' } : INVALID_MAC;
  } catch (error) {
    if (errorName(error) === 'KMSInvalidMacException') return INVALID_MAC;
    return { verdict: 'unverified', why: `VerifyMac failed: ${describeError(error)}` };
  }
}

/** One group's surge-state tag against its proof tag; undefined when the group carries no surge-state tag. */
async function checkGroup(clients: AwsClients, group: AutoScalingGroup, keyArn: string | undefined): Promise<SurgeProofCheck | undefined> {
  const state = tagOf(group, TAG.surgeState);
  if (state === undefined) return undefined;
  if (keyArn === undefined) return { verdict: 'unverified', why: 'the function has no key to verify it with (REAPER_STATE_KEY_ARN is not set)' };
  if (!group.AutoScalingGroupARN) return { verdict: 'unverified', why: 'DescribeAutoScalingGroups gave no ARN for the group' };
  const proof = tagOf(group, TAG.surgeProof);
  if (proof === undefined) return { verdict: 'invalid', why: `it carries no ${TAG.surgeProof} tag` };
  if (!PROOF_TEXT.test(proof)) return { verdict: 'invalid', why: `its ${TAG.surgeProof} tag is not an HMAC-SHA-256 in base64` };
  return verify(clients, keyArn, group.AutoScalingGroupARN, state, new Uint8Array(Buffer.from(proof, 'base64')));
}

/**
 * Checks the proof of every group that carries a surge-state tag (the few surges under way), by group name. A group
 * without the tag needs no call.
 */
export async function verifySurgeProofs(clients: AwsClients, groups: readonly AutoScalingGroup[], keyArn: string | undefined): Promise<Map<string, SurgeProofCheck>> {
  const checks = await Promise.all(groups.map(async (group) => [group.AutoScalingGroupName ?? '', await checkGroup(clients, group, keyArn)] as const));
  return new Map(checks.flatMap(([name, check]) => (check ? [[name, check] as const] : [])));
}
