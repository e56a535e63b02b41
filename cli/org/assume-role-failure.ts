/** Why AssumeRole into a member account failed, as far as the answer tells. */
export type AssumeRoleCause = 'access-denied' | 'region-disabled' | 'network' | 'other';

/** What `--json` carries for a member whose role could not be assumed. */
export interface AssumeRoleFailure {
  readonly cause: AssumeRoleCause;
  /** The AWS error code, or the network error's code (`ENOTFOUND`), or the error's name (`TimeoutError`). */
  readonly error: string;
  readonly roleArn: string;
}

/**
 * STS answers AccessDenied, "User: CALLER is not authorized to perform: sts:AssumeRole on resource: ROLE_ARN" (403),
 * both when the role's trust policy does not admit the caller and when no such role exists: it does not reveal whether
 * a role exists (AWS re:Post knowledge center "iam-assume-role-error"; HackTricks, aws-iam-and-sts-unauthenticated-enum:
 * "if the role exists or not you always get this error"). So the answer names both causes.
 */
export const ACCESS_DENIED_WHY =
  'the role is missing in the account, or its trust policy does not admit the caller; STS does not say which: deploy the reader role there, or run from the account it trusts';

/**
 * Node's resolver and socket errors, as the SDK v3 rethrows them with their `code` (`getaddrinfo ENOTFOUND
 * sts.eu-west-1.amazonaws.com`, code `ENOTFOUND`: aws/aws-sdk-js-v3#6401), and the node-http-handler's `TimeoutError`
 * when a connection or a request takes too long (aws/aws-sdk-js-v3#2137). None reached STS: nothing about the role.
 */
const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'NetworkingError']);

/**
 * The error's `code`, or a network code its message names: a Node error from another realm (a test sandbox) reaches
 * the SDK's retry as a plain value, which it wraps as `AWS SDK error wrapper for Error: connect ECONNREFUSED ...`,
 * dropping the code (aws/aws-sdk-js-v3#6401 shows the wrapper around ENOTFOUND).
 */
const codeOf = (error: Error): string | undefined => {
  const { code } = error as { code?: unknown };
  if (typeof code === 'string') return code;
  return [...NETWORK_CODES].find((known) => new RegExp(`\\b${known}\\b`).test(error.message));
};

const accountOf = (roleArn: string): string => roleArn.split(':')[4] ?? '';

function explain(error: Error, roleArn: string, stsRegion: string): { cause: AssumeRoleCause; text: string } {
  const code = codeOf(error);
  if (error.name === 'AccessDenied') return { cause: 'access-denied', text: `AccessDenied (${ACCESS_DENIED_WHY})` };
  // STS API Reference, AssumeRole errors: "STS is not activated in the requested region for the account that is being
  // asked to generate credentials. The account administrator must use the IAM console to activate STS in that region."
  if (error.name === 'RegionDisabledException') {
    return {
      cause: 'region-disabled',
      text: `RegionDisabledException (STS is not activated in ${stsRegion} for account ${accountOf(roleArn)}: its administrator activates it in IAM account settings, or run with --region set to an active region)`,
    };
  }
  if ((code !== undefined && NETWORK_CODES.has(code)) || NETWORK_NAMES.has(error.name)) {
    return { cause: 'network', text: `STS could not be reached (${code ?? error.name}: ${error.message}): DNS or network` };
  }
  return { cause: 'other', text: `${error.name}: ${error.message}` };
}

/** The row's why (`role NAME not assumable: ...`) and the same as data. */
export function describeAssumeRoleFailure(error: unknown, roleArn: string, roleName: string, stsRegion: string): { readonly why: string; readonly failure: AssumeRoleFailure } {
  const known = error instanceof Error ? error : new Error(String(error));
  const { cause, text } = explain(known, roleArn, stsRegion);
  return { why: `role ${roleName} not assumable: ${text}`, failure: { cause, error: codeOf(known) ?? known.name, roleArn } };
}
