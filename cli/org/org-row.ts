import type { AssumeRoleFailure } from './assume-role-failure';
import type { OrgAccount } from './list-org-accounts';

/** One account in one region. */
export interface OrgTarget {
  readonly account: OrgAccount;
  readonly region: string;
}

/** What reading a member account gave: its answer, no deployment there, or no way in. */
export type MemberOutcome<T> =
  | { readonly target: OrgTarget; readonly kind: 'read'; readonly value: T }
  | { readonly target: OrgTarget; readonly kind: 'not deployed'; readonly why: string }
  | { readonly target: OrgTarget; readonly kind: 'unreachable'; readonly why: string; readonly assumeRole?: AssumeRoleFailure };

/** `status --org`'s verdict on one account and region, worst first when sorted by `ORG_STATES`. */
export const ORG_STATES = ['out of policy', 'unreachable', 'paused', 'not deployed', 'in policy'] as const;
export type OrgState = (typeof ORG_STATES)[number];

export interface StatusFigures {
  /** Instances the latest run scanned. */
  readonly instances: number;
  /** Share of them the latest run did not leave due, in percent. */
  readonly withinPolicyPercent: number;
  /** The oldest instance the latest run left due; undefined when it left none. */
  readonly oldestDueAgeDays?: number;
  readonly lastRun?: string;
}

export interface StatusRow {
  readonly account: string;
  readonly name?: string;
  readonly region: string;
  readonly state: OrgState;
  /** Why, most telling first; empty when in policy. */
  readonly why: readonly string[];
  readonly figures?: StatusFigures;
  /** Unreachable because the reader role could not be assumed: why, as data. */
  readonly assumeRole?: AssumeRoleFailure;
}

/** `111111111111 (prod)`. */
export const describeAccount = (row: { readonly account: string; readonly name?: string }): string => (row.name ? `${row.account} (${row.name})` : row.account);

/** The AssumeRole failure an unreachable outcome carries, spread into its row (nothing otherwise). */
export const assumeRoleOf = <T>(outcome: MemberOutcome<T>): { readonly assumeRole?: AssumeRoleFailure } =>
  outcome.kind === 'unreachable' && outcome.assumeRole ? { assumeRole: outcome.assumeRole } : {};
