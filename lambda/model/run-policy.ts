/** The policy of one run: configuration merged with the invocation's overrides. Plain data. */

/** A per-group budget: a count, or a percentage of desired capacity (rounded up, at least 1). */
export type Budget =
  | { readonly kind: 'count'; readonly value: number }
  | { readonly kind: 'percent'; readonly value: number };

export interface RunPolicy {
  readonly dryRun: boolean;
  /** Lifetime from the invocation; wins over the group tag and the configured default. */
  readonly maxAgeDaysOverride?: number;
  readonly defaultMaxAgeDays: number;
  /** AMIs older than this are stale; undefined = off. */
  readonly amiMaxAgeDays?: number;
  readonly amiDrift: boolean;
  /** Emergency AMIs named in the invocation. */
  readonly blockedAmiIds: readonly string[];
  /** Emergency instances named in the invocation. */
  readonly targetedInstanceIds: readonly string[];
  /** Only these groups are considered; undefined = all. */
  readonly groups?: readonly string[];
  /** Per-group budget from the invocation; wins over the group tag and the configured default. */
  readonly groupBudgetOverride?: Budget;
  readonly defaultGroupBudget: Budget;
  readonly maxTerminations: number;
  /** Alarms that hold every group while in ALARM. */
  readonly alarmNames: readonly string[];
  /** Default maintenance window expression; undefined = always open. */
  readonly defaultWindow?: string;
  readonly defaultGraceDays: number;
  /** Configured bake time in minutes; undefined = unset (a group's DefaultInstanceWarmup, else none). */
  readonly defaultBakeMinutes?: number;
  readonly lifetimeJitterPercent: number;
  /** A launch-before-terminate surge older than this is rolled back. */
  readonly surgeTimeoutMinutes: number;
}
