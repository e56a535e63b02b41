import { EXIT_CODES, type ExitCode } from './exit-codes';

/** What went wrong with the operator's AWS setup, and the flag or variable that fixes it. */
export interface SetupProblem {
  readonly problem: string;
  readonly fix: string;
  /** Exit 2 when no request could even be signed: the command line (or its environment) must change. */
  readonly code: ExitCode;
}

export interface ConnectionSettings {
  readonly profile?: string;
  readonly region?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** AWS answered that it does not accept the credentials (unknown key, expired session, bad signature). */
const REJECTED = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'AuthFailure',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
]);

/** The error and its causes: the fleet read wraps what the SDK threw. */
function chain(error: unknown): Error[] {
  const errors: Error[] = [];
  for (let current = error; current instanceof Error && errors.length < 5; current = current.cause) errors.push(current);
  return errors;
}

function profileIn(settings: ConnectionSettings): string | undefined {
  return settings.profile ?? settings.env.AWS_PROFILE;
}

const PROFILE_FIX = 'choose a profile with --profile P (or AWS_PROFILE), from ~/.aws/config or ~/.aws/credentials';

function explainOne(error: Error, settings: ConnectionSettings): SetupProblem | undefined {
  const profile = profileIn(settings);
  const which = profile === undefined ? 'the default credential chain' : `profile ${profile}`;
  if (/region is missing/i.test(error.message)) {
    const where = profile === undefined ? '' : ` (profile ${profile} names none)`;
    return { problem: `no AWS region${where}`, fix: 'pass --region R or set AWS_REGION', code: EXIT_CODES.usage };
  }
  if (error.name === 'CredentialsProviderError' || error.name === 'TokenProviderError') {
    const sso = profile === undefined ? '' : `, or for an SSO profile run 'aws sso login --profile ${profile}'`;
    return { problem: `no AWS credentials from ${which} (${error.message})`, fix: `${PROFILE_FIX}${sso}`, code: EXIT_CODES.usage };
  }
  if (REJECTED.has(error.name)) {
    return { problem: `AWS did not accept the credentials of ${which} (${error.name}: ${error.message})`, fix: `${PROFILE_FIX}, or renew them (e.g. 'aws sso login')`, code: EXIT_CODES.failure };
  }
  return undefined;
}

/** Errors of the operator's AWS setup (region, credentials), found in the error or its causes; undefined for any other error. */
export function explainSetupError(error: unknown, settings: ConnectionSettings): SetupProblem | undefined {
  for (const link of chain(error)) {
    const explained = explainOne(link, settings);
    if (explained) return explained;
  }
  return undefined;
}
