import { mapWithConcurrency } from '../../lambda/util/map-with-concurrency';
import { createCliClients, type CallObserver, type CliClients, type Connection } from '../aws/cli-clients';
import { DeploymentNotFoundError } from '../errors';
import { explainSetupError } from '../setup-errors';
import { orgReaderRoleArn } from '../../infra/org/org-names';
import { assumeMemberRole, partitionOf, type MemberCredentials } from './assume-member-role';
import { describeAssumeRoleFailure } from './assume-role-failure';
import type { OrgAccount } from './list-org-accounts';
import type { OrgClients } from './org-clients';
import type { MemberOutcome, OrgTarget } from './org-row';
import { describeError } from '../../lambda/util/describe-error';

/** Accounts read at once: enough to cover an organization in a few minutes, few enough to stay under STS and API rate limits. */
export const ACCOUNTS_IN_PARALLEL = 4;

export interface MemberScope {
  readonly accounts: readonly OrgAccount[];
  readonly regions: readonly string[];
  readonly roleName: string;
  /** The operator's connection: its region signs STS, its endpoint (the local organization) serves the members too. */
  readonly connection: Connection & { readonly region: string };
  /** Told of every member call, for the progress indicator. */
  readonly observer?: CallObserver;
}

/** Reads one account and region with the member's clients; throws what `status` or `plan` would throw. */
export type MemberReader<T> = (clients: CliClients, target: OrgTarget) => Promise<T>;

/** `...; pass --stack NAME or --function NAME`: the hint suits one account; across the organization the finding is enough. */
const withoutFlagHint = (message: string): string => message.replace(/;\s*(pass|choose|check) .*$/, '');

/** The operator's own setup (no credentials, no region) fails the whole command rather than every account. */
function rethrowSetup(error: unknown, connection: Connection): void {
  if (explainSetupError(error, { profile: connection.profile, region: connection.region, env: {} })) throw error;
}

function memberConnection(scope: MemberScope, region: string, credentials: MemberCredentials): Connection {
  const { endpoint, disableClockSkewCorrection } = scope.connection;
  return { region, credentials, ...(endpoint ? { endpoint } : {}), ...(disableClockSkewCorrection ? { disableClockSkewCorrection } : {}) };
}

/** An organization has many accounts and regions: each one's clients close their sockets once it is read. */
function destroyClients(clients: CliClients): void {
  for (const client of Object.values(clients) as unknown[]) {
    if (client !== null && typeof client === 'object' && 'destroy' in client && typeof client.destroy === 'function') (client as { destroy(): void }).destroy();
  }
}

async function readRegion<T>(scope: MemberScope, target: OrgTarget, credentials: MemberCredentials, read: MemberReader<T>): Promise<MemberOutcome<T>> {
  const clients = createCliClients(memberConnection(scope, target.region, credentials), scope.observer);
  try {
    return { target, kind: 'read', value: await read(clients, target) };
  } catch (error) {
    if (error instanceof DeploymentNotFoundError) return { target, kind: 'not deployed', why: withoutFlagHint(error.message) };
    return { target, kind: 'unreachable', why: describeError(error) };
  } finally {
    destroyClients(clients);
  }
}

async function readAccount<T>(scope: MemberScope, sts: OrgClients['sts'], account: OrgAccount, read: MemberReader<T>): Promise<MemberOutcome<T>[]> {
  const targets = scope.regions.map((region) => ({ account, region }));
  const roleArn = orgReaderRoleArn(partitionOf(scope.connection.region), account.id, scope.roleName);
  let credentials: MemberCredentials;
  try {
    credentials = await assumeMemberRole(sts, roleArn);
  } catch (error) {
    rethrowSetup(error, scope.connection);
    const { why, failure } = describeAssumeRoleFailure(error, roleArn, scope.roleName, scope.connection.region);
    return targets.map((target) => ({ target, kind: 'unreachable', why, assumeRole: failure }));
  }
  // An account's regions one after another: the accounts already run in parallel.
  const outcomes: MemberOutcome<T>[] = [];
  for (const target of targets) outcomes.push(await readRegion(scope, target, credentials, read));
  return outcomes;
}

/**
 * Assumes the reader role in each account (once: its credentials hold in every region) and reads each region with it,
 * a few accounts at a time. A failure is that account's or region's outcome; it never stops the others.
 */
export async function readMembers<T>(scope: MemberScope, sts: OrgClients['sts'], read: MemberReader<T>): Promise<MemberOutcome<T>[]> {
  const perAccount = await mapWithConcurrency(scope.accounts, ACCOUNTS_IN_PARALLEL, (account) => readAccount(scope, sts, account, read));
  return perAccount.flat();
}
