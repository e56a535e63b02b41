import {
  AssumeRole$,
  GetCallerIdentity$,
  type AssumeRoleRequest,
  type AssumeRoleResponse,
  type GetCallerIdentityResponse,
} from '@aws-sdk/client-sts';
import { accountPrincipal, type KeyHolder } from '../../org/access-keys';
import { organizationOf } from '../../org/local-organization';
import type { FakeAccount } from '../account';
import { accessKeyIdOf } from '../dispatch';
import { AwsError, validationError } from '../protocol/aws-error';
import { queryService } from '../protocol/query-service';
import { operation, type DecodedCall, type FakeService, type RawRequest } from '../protocol/service';

/** The call, and the key that signed it: STS answers who the caller is, which the account alone does not say. */
interface SignedCall extends DecodedCall {
  readonly accessKeyId?: string;
  /** The region of the endpoint the caller signed for (SigV4 credential scope `AKID/date/REGION/sts/aws4_request`). */
  readonly region?: string;
}

type Signed = { accessKeyId?: string; region?: string };

function signingRegionOf(request: RawRequest): string | undefined {
  return /Credential=[^/\s]+\/[^/]+\/([^/]+)\//.exec(String(request.headers.authorization ?? ''))?.[1];
}

/** The caller behind a key: the organization's record of it, or the account's own principal when it serves alone. */
function callerOf(account: FakeAccount, accessKeyId: string | undefined): KeyHolder {
  const holder = organizationOf(account)?.keys.holderOf(accessKeyId, account.now());
  return typeof holder === 'object' ? holder : { accountId: account.state.accountId, principal: accountPrincipal(account.state.accountId) };
}

/** RoleSessionName: 2 to 64 of `[\w+=,.@-]`; DurationSeconds 900 up to the role's maximum (STS API Reference, AssumeRole). */
function checkSession(input: AssumeRoleRequest, maxSessionSeconds: number): number {
  const session = input.RoleSessionName ?? '';
  if (!/^[\w+=,.@-]{2,64}$/.test(session)) {
    throw validationError(`1 validation error detected: Value '${session}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  }
  const seconds = input.DurationSeconds ?? 3600;
  if (seconds < 900) throw validationError(`1 validation error detected: Value '${seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`);
  if (seconds > maxSessionSeconds) throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  return seconds;
}

/**
 * Temporary credentials for a role of another (or the same) account, when the role exists and its trust policy admits
 * the caller's account. Otherwise STS's AccessDenied, which does not say whether the role exists: "User: CALLER is not
 * authorized to perform: sts:AssumeRole on resource: ROLE_ARN" (403).
 */
function assumeRole(account: FakeAccount, input: AssumeRoleRequest, { accessKeyId, region }: Signed): AssumeRoleResponse {
  const caller = callerOf(account, accessKeyId);
  const org = organizationOf(account);
  const roleArn = input.RoleArn ?? '';
  const role = org?.roles.admits(roleArn, caller.accountId);
  if (!org || !role) throw new AwsError('AccessDenied', `User: ${caller.principal} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
  // STS API Reference, AssumeRole, RegionDisabledException (403): "STS is not activated in the requested region for the
  // account that is being asked to generate credentials." Judged after the trust policy: a stranger learns nothing.
  if (region !== undefined && !org.stsActive(role.accountId, region)) {
    throw new AwsError('RegionDisabledException', `STS is not activated in this region for account:${role.accountId}. Your account administrator can activate STS in this region using the IAM Console.`, 403);
  }
  const seconds = checkSession(input, role.maxSessionSeconds);
  const session = input.RoleSessionName ?? '';
  const expiresAt = account.now() + seconds * 1000;
  const principal = `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${session}`;
  const key = org.keys.issueTemporary({ accountId: role.accountId, principal, expiresAt });
  return {
    Credentials: { AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey, SessionToken: key.sessionToken, Expiration: new Date(expiresAt) },
    AssumedRoleUser: { AssumedRoleId: `AROAFAKE${role.accountId}:${session}`, Arn: principal },
  };
}

function getCallerIdentity(account: FakeAccount, accessKeyId: string | undefined): GetCallerIdentityResponse {
  const caller = callerOf(account, accessKeyId);
  return { UserId: `AROAFAKE${caller.accountId}:${caller.principal.split('/').at(-1) ?? ''}`, Account: caller.accountId, Arn: caller.principal };
}

const base = queryService({
  signingName: 'sts',
  serviceIds: ['STS'],
  ec2: false,
  xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
  operations: {
    AssumeRole: operation(AssumeRole$, (account, input: AssumeRoleRequest & Signed) => assumeRole(account, input, input)),
    GetCallerIdentity: operation(GetCallerIdentity$, (account, input: { accessKeyId?: string }) => getCallerIdentity(account, input.accessKeyId)),
  },
  throttle: () => new AwsError('Throttling', 'Rate exceeded'),
});

/**
 * STS over awsQuery: AssumeRole into another local account's role, GetCallerIdentity. The key that signed the call
 * travels beside the call's parameters (not in them: the call log records what the caller asked).
 */
export const stsService: FakeService = {
  ...base,
  decode: (request): SignedCall => ({ ...base.decode(request), accessKeyId: accessKeyIdOf(request), region: signingRegionOf(request) }),
  invoke: (call: SignedCall, account) => base.invoke({ ...call, params: { ...call.params, accessKeyId: call.accessKeyId, region: call.region } }, account),
};
