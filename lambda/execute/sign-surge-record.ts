import { GenerateMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import { SurgeProofError } from '../errors';
import { SURGE_PROOF_ALGORITHM, surgeProofMessage } from '../policy/surge-proof';

/** The proof for a surge-state value on a group: a base64 MAC only the function's role can produce. Throws when it cannot. */
export type SurgeSigner = (groupArn: string | undefined, surgeState: string) => Promise<string>;

/**
 * Signs with the function's HMAC key (GenerateMac, AWS KMS API Reference: it returns the MAC as a blob, which the tag
 * carries in base64). The key policy lets only the function's role call GenerateMac on it. Without a key, or without
 * the group's ARN the proof binds, nothing can be signed: the caller writes nothing.
 */
export function kmsSurgeSigner(kms: KMSClient, keyArn: string | undefined): SurgeSigner {
  return async (groupArn, surgeState) => {
    if (keyArn === undefined) throw new SurgeProofError('the function has no key to sign it with (REAPER_STATE_KEY_ARN is not set)');
    if (groupArn === undefined) throw new SurgeProofError("the group's ARN is unknown");
    const answer = await kms.send(new GenerateMacCommand({ KeyId: keyArn, MacAlgorithm: SURGE_PROOF_ALGORITHM, Message: surgeProofMessage(groupArn, surgeState) }));
    if (!answer.Mac || answer.Mac.length === 0) throw new SurgeProofError('GenerateMac answered without a MAC');
    return Buffer.from(answer.Mac).toString('base64');
  };
}
