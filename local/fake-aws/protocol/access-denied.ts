import { AwsError } from './aws-error';

/** Who was denied what, for the message AWS writes. */
export interface Denial {
  /** The caller, e.g. `arn:aws:sts::123456789012:assumed-role/Role/session`. */
  readonly principal: string;
  /** The IAM action, e.g. `autoscaling:SetDesiredCapacity`. */
  readonly iamAction: string;
  /** The resource ARN, when the call names one. */
  readonly resource?: string;
}

/** IAM's wording for an explicit deny ("Troubleshoot access denied error messages", IAM User Guide). */
export const deniedMessage = ({ principal, iamAction, resource }: Denial): string =>
  `User: ${principal} is not authorized to perform: ${iamAction}${resource ? ` on resource: ${resource}` : ''} with an explicit deny in a service control policy`;

/** Each service's own answer to a denied call: codes and statuses from the SDKs' error models. */
export const accessDenied = {
  /** EC2 prefixes its own sentence; the encoded authorization message some actions add is left out. */
  ec2: (denial: Denial) => new AwsError('UnauthorizedOperation', `You are not authorized to perform this operation. ${deniedMessage(denial)}`, 403),
  /** Auto Scaling, both Load Balancing APIs and CloudWatch. */
  query: (denial: Denial) => new AwsError('AccessDenied', deniedMessage(denial), 403),
  /** SSM models AccessDeniedException without an HTTP status of its own: 400. */
  ssm: (denial: Denial) => new AwsError('AccessDeniedException', deniedMessage(denial), 400),
  sns: (denial: Denial) => new AwsError('AuthorizationError', deniedMessage(denial), 403),
  /** KMS answers every client error with HTTP 400, AccessDeniedException included. */
  kms: (denial: Denial) => new AwsError('AccessDeniedException', deniedMessage(denial), 400),
  /** Services whose answer the fake does not model (the control plane's). */
  other: (denial: Denial) => new AwsError('AccessDeniedException', deniedMessage(denial), 403),
} as const;
