import type { ReadFailure } from '../model/fleet';

/** A short, readable form of an AWS error for the report. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

/**
 * How each service the function reads names IAM's refusal: Auto Scaling, CloudWatch and both Load Balancing APIs
 * `AccessDenied`; SSM, KMS and VPC Lattice `AccessDeniedException`; EC2 `UnauthorizedOperation`; SNS `AuthorizationError`.
 */
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError']);

/** The code of a read that failed: `read-denied` when IAM refused it, else `read-failed`. */
export function readFailureCode(error: unknown): ReadFailure['code'] {
  return DENIED.has(errorName(error) ?? '') ? 'read-denied' : 'read-failed';
}
