import type { CredentialProblem } from './credential-errors';

/** Who a key belongs to: the account it lands in and the principal AWS would name in messages. */
export interface KeyHolder {
  readonly accountId: string;
  /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`, as GetCallerIdentity and access-denied messages name it. */
  readonly principal: string;
  /** Temporary credentials end (epoch ms); long-term keys do not. */
  readonly expiresAt?: number;
}

export interface IssuedKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** The principal a long-term key of the account stands for: the same one the fake's denial messages name. */
export const accountPrincipal = (accountId: string): string => `arn:aws:sts::${accountId}:assumed-role/fake-aws-caller/fake-aws-session`;

/** A key per account (`AKIA` + `FAKE` + the account ID: 20 characters, as AWS's are) and temporary `ASIA` keys from AssumeRole. */
export class AccessKeys {
  private readonly holders = new Map<string, KeyHolder>();
  private issued = 0;

  /** The account's long-term key: the same every time, so an account's env is reproducible. */
  forAccount(accountId: string): IssuedKey {
    const accessKeyId = `AKIAFAKE${accountId}`;
    this.holders.set(accessKeyId, { accountId, principal: accountPrincipal(accountId) });
    return { accessKeyId, secretAccessKey: `fake-secret-${accountId}` };
  }

  /** Temporary credentials for a role session, ending at `expiresAt`. */
  issueTemporary(holder: KeyHolder & { readonly expiresAt: number }): IssuedKey {
    this.issued += 1;
    const accessKeyId = `ASIAFAKE${String(this.issued).padStart(12, '0')}`;
    this.holders.set(accessKeyId, holder);
    return { accessKeyId, secretAccessKey: `fake-temporary-secret-${this.issued}`, sessionToken: `fake-session-token-${this.issued}` };
  }

  /** Who holds the key, or why nobody does: a key never issued, or a session past its expiry. */
  holderOf(accessKeyId: string | undefined, now: number): KeyHolder | CredentialProblem {
    const holder = accessKeyId === undefined ? undefined : this.holders.get(accessKeyId);
    if (!holder) return 'unknown-key';
    return holder.expiresAt !== undefined && holder.expiresAt <= now ? 'expired' : holder;
  }
}
