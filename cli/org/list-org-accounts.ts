import {
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  type Account,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { CommandFailedError, UsageError } from '../errors';

/** A member account `--org` looks at; the name when Organizations told it. */
export interface OrgAccount {
  readonly id: string;
  readonly name?: string;
}

/**
 * Only ACTIVE accounts can be signed in to; suspended, closing or closed accounts are skipped. `State` replaces
 * `Status`, which Organizations retires on September 9, 2026 (SDK model of `Account`); `Status` is the fallback.
 */
const isActive = (account: Account): boolean => (account.State ?? account.Status) === 'ACTIVE';

const toOrgAccount = (account: Account): OrgAccount[] =>
  account.Id && isActive(account) ? [{ id: account.Id, ...(account.Name ? { name: account.Name } : {}) }] : [];

async function allAccounts(organizations: OrganizationsClient): Promise<OrgAccount[]> {
  const accounts: OrgAccount[] = [];
  for await (const page of paginateListAccounts({ client: organizations }, {})) accounts.push(...(page.Accounts ?? []).flatMap(toOrgAccount));
  return accounts;
}

/**
 * ListAccountsForParent lists "all the accounts in only that OU and not in any child OUs" (Organizations API
 * reference), so child OUs are walked with ListOrganizationalUnitsForParent, depth first.
 */
async function accountsUnder(organizations: OrganizationsClient, parentId: string): Promise<OrgAccount[]> {
  const accounts: OrgAccount[] = [];
  for await (const page of paginateListAccountsForParent({ client: organizations }, { ParentId: parentId })) {
    accounts.push(...(page.Accounts ?? []).flatMap(toOrgAccount));
  }
  for await (const page of paginateListOrganizationalUnitsForParent({ client: organizations }, { ParentId: parentId })) {
    for (const unit of page.OrganizationalUnits ?? []) if (unit.Id) accounts.push(...(await accountsUnder(organizations, unit.Id)));
  }
  return accounts;
}

/** Errors that mean this caller cannot read the organization: not its management account or a delegated administrator, or no organization. */
const CANNOT_LIST = new Set(['AccessDeniedException', 'AccessDenied', 'AWSOrganizationsNotInUseException']);

/** The organization's ACTIVE accounts (with `ou`, those under it), each once, in the order listed. */
export async function listOrgAccounts(organizations: OrganizationsClient, ou: string | undefined): Promise<OrgAccount[]> {
  try {
    const accounts = ou === undefined ? await allAccounts(organizations) : await accountsUnder(organizations, ou);
    return [...new Map(accounts.map((account) => [account.id, account])).values()];
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    if (error.name === 'ParentNotFoundException') throw new UsageError(`--ou ${ou ?? ''}: no such OU in the organization`, { cause: error });
    if (!CANNOT_LIST.has(error.name)) throw error;
    const call = ou === undefined ? 'ListAccounts' : 'ListAccountsForParent';
    throw new CommandFailedError(
      `cannot list the organization's accounts (${call}: ${error.name}: ${error.message}). Run from the management account or a ` +
        `delegated administrator, or name the accounts with --accounts 111111111111,222222222222; nothing was changed`,
      { cause: error },
    );
  }
}
