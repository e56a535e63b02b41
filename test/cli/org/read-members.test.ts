import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { DeploymentNotFoundError } from '../../../cli/errors';
import { ORG_SESSION_NAME } from '../../../cli/org/assume-member-role';
import { ACCESS_DENIED_WHY } from '../../../cli/org/assume-role-failure';
import { ACCOUNTS_IN_PARALLEL, readMembers, type MemberScope } from '../../../cli/org/read-members';
import { ORG_READER_ROLE_NAME } from '../../../infra/org/org-names';

const sts = mockClient(STSClient);
const stsClient = new STSClient({ region: 'eu-west-1' });

const accountOfRole = (roleArn: string | undefined): string => roleArn?.split(':')[4] ?? '';
const keysFor = (account: string) => ({ AccessKeyId: `AKIA${account}`, SecretAccessKey: 'secret', SessionToken: `token-${account}`, Expiration: new Date() });

function scope(accounts: readonly string[], spec: Partial<MemberScope> = {}): MemberScope {
  return { accounts: accounts.map((id) => ({ id })), regions: ['eu-west-1'], roleName: ORG_READER_ROLE_NAME, connection: { region: 'eu-west-1' }, ...spec };
}

beforeEach(() => {
  sts.reset();
  sts.on(AssumeRoleCommand).callsFake((input: { RoleArn?: string }) => ({ Credentials: keysFor(accountOfRole(input.RoleArn)) }));
});

describe('readMembers', () => {
  it('assumes the reader role by its documented name in each account, once for all its regions, under a session name that says who', async () => {
    await readMembers(scope(['111111111111', '222222222222'], { regions: ['eu-west-1', 'us-east-1'] }), stsClient, () => Promise.resolve('ok'));

    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, { RoleArn: 'arn:aws:iam::111111111111:role/InstanceReaperOrgReader', RoleSessionName: ORG_SESSION_NAME });
    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, { RoleArn: 'arn:aws:iam::222222222222:role/InstanceReaperOrgReader' });
  });

  it('--role-name and the partition of the CLI region make the ARN', async () => {
    await readMembers(scope(['111111111111'], { roleName: 'OrgAudit', connection: { region: 'cn-north-1' } }), stsClient, () => Promise.resolve('ok'));

    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, { RoleArn: 'arn:aws-cn:iam::111111111111:role/OrgAudit' });
  });

  it("reads each region with the member's own temporary credentials, in that region", async () => {
    const seen: string[] = [];

    await readMembers(scope(['111111111111'], { regions: ['eu-west-1', 'us-east-1'] }), stsClient, async (clients, target) => {
      const credentials = await clients.autoScaling.config.credentials();
      seen.push(`${target.region} ${await clients.ec2.config.region()} ${credentials.accessKeyId} ${credentials.sessionToken ?? ''}`);
    });

    expect(seen).toEqual(['eu-west-1 eu-west-1 AKIA111111111111 token-111111111111', 'us-east-1 us-east-1 AKIA111111111111 token-111111111111']);
  });

  it('AccessDenied on AssumeRole in one account: its rows are unreachable and say why; the others are read', async () => {
    sts
      .on(AssumeRoleCommand, { RoleArn: 'arn:aws:iam::222222222222:role/InstanceReaperOrgReader' })
      .rejects(Object.assign(new Error('User is not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' }));

    const outcomes = await readMembers(scope(['111111111111', '222222222222', '333333333333'], { regions: ['eu-west-1', 'us-east-1'] }), stsClient, (_clients, target) =>
      Promise.resolve(`read ${target.account.id}`),
    );

    expect(outcomes.map((outcome) => [outcome.target.account.id, outcome.target.region, outcome.kind === 'read' ? outcome.value : outcome.why])).toEqual([
      ['111111111111', 'eu-west-1', 'read 111111111111'],
      ['111111111111', 'us-east-1', 'read 111111111111'],
      ['222222222222', 'eu-west-1', `role InstanceReaperOrgReader not assumable: AccessDenied (${ACCESS_DENIED_WHY})`],
      ['222222222222', 'us-east-1', `role InstanceReaperOrgReader not assumable: AccessDenied (${ACCESS_DENIED_WHY})`],
      ['333333333333', 'eu-west-1', 'read 333333333333'],
      ['333333333333', 'us-east-1', 'read 333333333333'],
    ]);
    expect(outcomes.filter((outcome) => outcome.kind === 'unreachable')).toHaveLength(2);
  });

  const rejection = (name: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name, ...extra });

  it.each([
    [
      'AccessDenied (the trust policy does not admit the caller, or the role is missing: STS answers both alike)',
      rejection('AccessDenied', 'User: arn:aws:sts::999999999999:assumed-role/ops/me is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/InstanceReaperOrgReader', { $metadata: { httpStatusCode: 403 } }),
      'access-denied',
      'AccessDenied',
      `AccessDenied (${ACCESS_DENIED_WHY})`,
    ],
    [
      'RegionDisabledException (STS not activated in the CLI region for the member account)',
      rejection('RegionDisabledException', 'STS is not activated in this region for account:222222222222. Your account administrator can activate STS in this region using the IAM Console.'),
      'region-disabled',
      'RegionDisabledException',
      'RegionDisabledException (STS is not activated in eu-west-1 for account 222222222222: its administrator activates it in IAM account settings, or run with --region set to an active region)',
    ],
    [
      'DNS: getaddrinfo ENOTFOUND',
      rejection('Error', 'getaddrinfo ENOTFOUND sts.eu-west-1.amazonaws.com', { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'sts.eu-west-1.amazonaws.com' }),
      'network',
      'ENOTFOUND',
      'STS could not be reached (ENOTFOUND: getaddrinfo ENOTFOUND sts.eu-west-1.amazonaws.com): DNS or network',
    ],
    [
      'network: connection refused',
      rejection('Error', 'connect ECONNREFUSED 10.0.0.1:443', { code: 'ECONNREFUSED' }),
      'network',
      'ECONNREFUSED',
      'STS could not be reached (ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:443): DNS or network',
    ],
    [
      'network: the SDK\'s wrapper around a socket error it could not read (no code, the code in the message)',
      rejection('Error', 'AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:4566'),
      'network',
      'ECONNREFUSED',
      'STS could not be reached (ECONNREFUSED: AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:4566): DNS or network',
    ],
    [
      'network: the SDK gave up waiting (TimeoutError)',
      rejection('TimeoutError', 'Connection timed out after 1000 ms'),
      'network',
      'TimeoutError',
      'STS could not be reached (TimeoutError: Connection timed out after 1000 ms): DNS or network',
    ],
    [
      'anything else: its name and message',
      rejection('ValidationError', '1 validation error detected'),
      'other',
      'ValidationError',
      'ValidationError: 1 validation error detected',
    ],
  ])('AssumeRole fails with %s: the rows say why, in text and as data', async (_title, error, cause, code, why) => {
    sts.on(AssumeRoleCommand).rejects(error);

    const [outcome] = await readMembers(scope(['222222222222']), stsClient, () => Promise.resolve('read'));

    expect(outcome).toEqual({
      target: { account: { id: '222222222222' }, region: 'eu-west-1' },
      kind: 'unreachable',
      why: `role InstanceReaperOrgReader not assumable: ${why}`,
      assumeRole: { cause, error: code, roleArn: 'arn:aws:iam::222222222222:role/InstanceReaperOrgReader' },
    });
  });

  it('ExpiredToken on AssumeRole is the operator\'s session that ended: the command fails (renew and run again), no account is marked', async () => {
    sts.on(AssumeRoleCommand).rejects(rejection('ExpiredToken', 'The security token included in the request is expired'));

    await expect(readMembers(scope(['111111111111', '222222222222']), stsClient, () => Promise.resolve('read'))).rejects.toThrow('The security token included in the request is expired');
  });

  it('no reaper found is "not deployed" (without the single-account flag hint); any other failure in one region is "unreachable" with the error, and the next region is still read', async () => {
    const outcomes = await readMembers(scope(['111111111111'], { regions: ['eu-west-1', 'us-east-1', 'ap-south-1'] }), stsClient, (_clients, target) => {
      if (target.region === 'eu-west-1') return Promise.reject(new DeploymentNotFoundError('no instance-reaper stack found; pass --stack NAME or --function NAME'));
      if (target.region === 'us-east-1') return Promise.reject(Object.assign(new Error('not authorized to perform: logs:FilterLogEvents'), { name: 'AccessDeniedException' }));
      return Promise.resolve('read');
    });

    expect(outcomes.map((outcome) => [outcome.kind, outcome.kind === 'read' ? outcome.value : outcome.why])).toEqual([
      ['not deployed', 'no instance-reaper stack found'],
      ['unreachable', 'AccessDeniedException: not authorized to perform: logs:FilterLogEvents'],
      ['read', 'read'],
    ]);
  });

  it(`reads at most ${ACCOUNTS_IN_PARALLEL} accounts at once, and every account in the end`, async () => {
    const accounts = Array.from({ length: 10 }, (_, index) => String(100000000000 + index));
    let inFlight = 0;
    let most = 0;

    const outcomes = await readMembers(scope(accounts), stsClient, async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
    });

    expect(most).toBe(ACCOUNTS_IN_PARALLEL);
    expect(outcomes.map((outcome) => outcome.target.account.id)).toEqual(accounts);
  });

  it("the operator's own missing credentials fail the command instead of making every account unreachable", async () => {
    sts.on(AssumeRoleCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));

    await expect(readMembers(scope(['111111111111']), stsClient, () => Promise.resolve('read'))).rejects.toThrow('Could not load credentials from any providers');
  });
});
