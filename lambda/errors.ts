import type { ErrorCode } from './model/error-codes';
import type { ReadFailure } from './model/fleet';

/** The invocation event or the configuration is invalid; nothing was called. */
export class InvalidInputError extends Error {
  /** The code its `run failed` line carries (Powertools logs an error's own fields). */
  readonly code: ErrorCode = 'input-invalid';

  constructor(
    message: string,
    readonly issues: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'InvalidInputError';
  }
}

/** The fleet could not be read at all; nothing was changed. */
export class FleetReadError extends Error {
  constructor(
    message: string,
    /** Whether IAM refused the read: the code its `run failed` line carries. */
    readonly code: ReadFailure['code'],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FleetReadError';
  }
}

/** A surge-state record cannot be signed (no key configured, or the group's ARN unknown): it is not written. */
export class SurgeProofError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SurgeProofError';
  }
}
