/**
 * What kind of failure a report's error (or a failed run) is: a closed set, so errors are counted by kind without
 * reading their messages. The one place the codes are defined; each line says what its code means.
 */
export const ERROR_CODES = [
  /** An AWS read failed (throttled past retries, a service or network error): what it would have told holds its group or is judged unknown. */
  'read-failed',
  /** An AWS read was refused by IAM (AccessDenied, UnauthorizedOperation, ...): as `read-failed`, and the function's permissions need a look. */
  'read-denied',
  /** A group or targeted instance named in the invocation does not exist (or is in no group considered), or a group was gone just before the first write. */
  'not-found',
  /** An alarm named for a group does not exist: the group terminates nothing while it is named. */
  'alarm-unknown',
  /** The group cannot launch a replacement (what it launches is missing or its latest launch failed): its instances wait. */
  'cannot-replace',
  /** A reaper tag's value does not parse: its group is left alone for the run. */
  'tag-malformed',
  /** The reaper's own recorded state (the surge record) is refused: malformed, inconsistent, unproven or unverifiable. The group is left alone. */
  'state-refused',
  /** A member an instance lifecycle policy retained: it no longer counts as capacity and waits for an operator. */
  'instance-retained',
  /** A launch-before-terminate surge did not complete: rolled back, its rollback waiting, or capacity it added left with nothing to remove. */
  'surge-incomplete',
  /** A write failed (a termination, a capacity change, the surge record and its proof): that action did not happen. */
  'write-failed',
  /** The run's summary did not reach its SNS topic or the central event bus. */
  'notify-failed',
  /** The invocation event or the configuration is invalid: the run failed before any AWS call (logged on its `run failed` line). */
  'input-invalid',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
