import { CENTRAL_BUS_NAME, ORG_READER_ROLE_NAME } from '../../infra/org/org-names';
import { RUN_SUMMARY_SOURCE } from '../../lambda/report/run-summary';
import type { FakeAccount } from '../fake-aws/account';
import { AccessKeys } from './access-keys';
import { EventBuses, type BusRecord } from './central-bus';
import { OrgRoles } from './org-roles';

export interface MemberOptions {
  /** The account's name in the organization. */
  readonly name: string;
  /** The organizational unit it sits in, by name; default the root. */
  readonly ou?: string;
}

export interface OrgMember {
  readonly accountId: string;
  readonly name: string;
  readonly email: string;
  /** `r-…` (the root) or `ou-…`. */
  readonly parentId: string;
  readonly joinedAt: number;
}

const worlds = new WeakMap<FakeAccount, LocalOrganization>();

/** The organization whose server serves this account (members and outsiders alike), if any. */
export const organizationOf = (account: FakeAccount): LocalOrganization | undefined => worlds.get(account);

/** A short lower-case hex suffix from a seed, so IDs are reproducible: `o-` + 10, `r-` + 4, OUs 8 (Organizations' ID formats). */
const suffix = (seed: string, length: number): string => {
  let hash = 2166136261;
  for (const char of seed) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash.toString(16).padStart(8, '0').repeat(2).slice(0, length);
};

/**
 * Several local accounts, one organization: its ID, management account and members (each in the root or an OU),
 * accounts outside it that the same endpoint also serves, each account's access key, IAM roles, and event buses.
 */
export class LocalOrganization {
  readonly id: string;
  readonly rootId: string;
  readonly keys = new AccessKeys();
  readonly roles = new OrgRoles();
  readonly buses = new EventBuses();
  private readonly accounts = new Map<string, FakeAccount>();
  private readonly memberRecords = new Map<string, OrgMember>();
  private readonly ous = new Map<string, string>();
  /** `ACCOUNT/REGION` where the account's administrator deactivated STS (IAM account settings). */
  private readonly stsDeactivated = new Set<string>();

  constructor(
    readonly management: FakeAccount,
    options: { readonly id?: string; readonly name?: string } = {},
  ) {
    this.id = options.id ?? `o-${suffix(management.state.accountId, 10)}`;
    this.rootId = `r-${suffix(this.id, 4)}`;
    this.addMember(management, { name: options.name ?? 'management' });
  }

  get managementAccountId(): string {
    return this.management.state.accountId;
  }

  /** Adds an account to the organization (in an OU, created on first use); returns its account ID. */
  addMember(account: FakeAccount, options: MemberOptions): string {
    const accountId = this.serve(account);
    const parentId = options.ou === undefined ? this.rootId : this.ouId(options.ou);
    this.memberRecords.set(accountId, { accountId, name: options.name, email: `${options.name}@example.com`, parentId, joinedAt: account.now() });
    return accountId;
  }

  /** Serves an account at the organization's endpoint without making it a member (a stranger to the organization). */
  addOutsider(account: FakeAccount): string {
    return this.serve(account);
  }

  /** The OU's ID by name: `ou-` + the root's suffix + 8 characters. */
  ouId(name: string): string {
    const known = this.ous.get(name);
    if (known) return known;
    const id = `ou-${this.rootId.slice(2)}-${suffix(`${this.id}/${name}`, 8)}`;
    this.ous.set(name, id);
    return id;
  }

  /** The organization's OUs, by name and ID; every OU sits under the root (the local organization has no nested OUs). */
  organizationalUnits(): { readonly id: string; readonly name: string }[] {
    return [...this.ous].map(([name, id]) => ({ id, name }));
  }

  /** Whether the ID is one of the organization's OUs. */
  knowsOu(id: string): boolean {
    return [...this.ous.values()].includes(id);
  }

  account(accountId: string): FakeAccount | undefined {
    return this.accounts.get(accountId);
  }

  isMember(accountId: string): boolean {
    return this.memberRecords.has(accountId);
  }

  /** Members in the order they joined, the management account first. */
  members(): OrgMember[] {
    return [...this.memberRecords.values()];
  }

  /** The ORG_READER_ROLE_NAME role in every member account, trusting the given account (as the StackSet deploys it). */
  deployReaderRole(trustedAccountId = this.managementAccountId): void {
    for (const member of this.memberRecords.values()) this.roles.add(member.accountId, ORG_READER_ROLE_NAME, { trustedAccountIds: [trustedAccountId] });
  }

  /**
   * Deactivates STS in a region for an account, as its administrator can in IAM account settings: AssumeRole into its
   * roles through that region's endpoint then fails with RegionDisabledException.
   */
  deactivateSts(accountId: string, region: string): void {
    this.stsDeactivated.add(`${accountId}/${region}`);
  }

  /** Activates STS in the region again for the account (the default). */
  activateSts(accountId: string, region: string): void {
    this.stsDeactivated.delete(`${accountId}/${region}`);
  }

  stsActive(accountId: string, region: string): boolean {
    return !this.stsDeactivated.has(`${accountId}/${region}`);
  }

  /** The central bus (CENTRAL_BUS_NAME) in an account, its policy admitting the organization's run summaries only. */
  createCentralBus(accountId: string): BusRecord {
    const account = this.accounts.get(accountId);
    if (!account) throw new Error(`local organization: no account ${accountId}`);
    return this.buses.create(account.state.region, accountId, CENTRAL_BUS_NAME, { principalOrgId: this.id, sources: [RUN_SUMMARY_SOURCE] });
  }

  private serve(account: FakeAccount): string {
    const { accountId } = account.state;
    const other = this.accounts.get(accountId);
    if (other && other !== account) throw new Error(`local organization: account ID ${accountId} is already served`);
    this.accounts.set(accountId, account);
    worlds.set(account, this);
    this.keys.forAccount(accountId);
    return accountId;
  }
}
