/** Reason codes, in the order they are listed in a report. */
export const REASON_CODES = [
  'max-age',
  'ami-age',
  'ami-deprecated',
  'ami-missing',
  'ami-drift',
  'ami-blocked',
  'targeted',
  'rotation-requested',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

/** Reasons that put an instance at the front of the queue and ignore maintenance windows. */
export const EMERGENCY_REASONS: ReadonlySet<ReasonCode> = new Set(['targeted', 'ami-blocked', 'rotation-requested']);

/** Why a due instance was not terminated, in order of precedence: the first that holds is reported. */
export const DEFERRAL_REASONS = [
  'exempt',
  'protected',
  'not-in-service',
  'processes-suspended',
  'cannot-replace',
  'surge-pending',
  'group-unstable',
  'baking',
  'alarm',
  'targets-unhealthy',
  'outside-window',
  'no-headroom',
  'group-budget',
  'run-budget',
] as const;

export type DeferralReason = (typeof DEFERRAL_REASONS)[number];
