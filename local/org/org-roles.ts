/** An IAM role as AssumeRole judges it: who its trust policy admits. */
export interface RoleRecord {
  readonly arn: string;
  readonly accountId: string;
  readonly name: string;
  /** Accounts whose principals the trust policy admits (`"Principal": { "AWS": "arn:aws:iam::ACCOUNT:root" }`). */
  readonly trustedAccountIds: readonly string[];
  /** IAM's MaxSessionDuration, in seconds (default 3600). */
  readonly maxSessionSeconds: number;
}

export const roleArn = (accountId: string, name: string): string => `arn:aws:iam::${accountId}:role/${name}`;

/** The roles of every local account, by ARN. */
export class OrgRoles {
  private readonly roles = new Map<string, RoleRecord>();

  add(accountId: string, name: string, options: { trustedAccountIds: readonly string[]; maxSessionSeconds?: number }): RoleRecord {
    const role = { arn: roleArn(accountId, name), accountId, name, trustedAccountIds: [...options.trustedAccountIds], maxSessionSeconds: options.maxSessionSeconds ?? 3600 };
    this.roles.set(role.arn, role);
    return role;
  }

  remove(arn: string): void {
    this.roles.delete(arn);
  }

  byArn(arn: string): RoleRecord | undefined {
    return this.roles.get(arn);
  }

  /** Whether a principal of `callerAccountId` may assume the role: it exists and its trust policy admits the account. */
  admits(arn: string, callerAccountId: string): RoleRecord | undefined {
    const role = this.roles.get(arn);
    return role?.trustedAccountIds.includes(callerAccountId) ? role : undefined;
  }
}
