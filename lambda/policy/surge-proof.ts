/**
 * What the surge-state proof covers: a version, the group's ARN and the exact tag value. The ARN holds the group's
 * UUID (arn:...:autoScalingGroup:UUID:autoScalingGroupName/NAME), so a record copied to another group, or to a group
 * re-created under the same name, does not verify, and neither does any edit of the value.
 */
export const SURGE_PROOF_VERSION = 'instance-reaper:surge-proof:v1';

/** HMAC_SHA_256 with an HMAC_256 key (KMS GenerateMac / VerifyMac, "HMAC keys in AWS KMS"). */
export const SURGE_PROOF_ALGORITHM = 'HMAC_SHA_256';

/**
 * The message the proof is a MAC of. JSON keeps the three parts apart whatever they hold (a group name may contain
 * newlines). GenerateMac takes up to 4,096 bytes (GenerateMac, AWS KMS API Reference): a group name of at most 255
 * characters and a tag value of at most 256 stay well within it.
 */
export function surgeProofMessage(groupArn: string, surgeState: string): Uint8Array {
  return new TextEncoder().encode(JSON.stringify([SURGE_PROOF_VERSION, groupArn, surgeState]));
}
