import type { FakeAccount } from './fake-aws/account';

/** How the local deployment marks the key it creates, so a saved account finds it again. */
const STATE_KEY_DESCRIPTION = 'instance-reaper: proves the function wrote its surge records (GenerateMac is its role\'s alone)';

/**
 * The key the construct creates with the function (HMAC_256, GENERATE_VERIFY_MAC), in a local account: created once,
 * then found again. The synthesized template passes its ARN as a reference, which a local deployment fills in.
 */
export function localStateKey(account: FakeAccount): string {
  const existing = Object.values(account.state.kmsKeys).find((key) => key.description === STATE_KEY_DESCRIPTION);
  return existing?.arn ?? account.createKey({ keySpec: 'HMAC_256', description: STATE_KEY_DESCRIPTION });
}
