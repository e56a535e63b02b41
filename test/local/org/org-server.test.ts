import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { ListRuleNamesByTargetCommand } from '@aws-sdk/client-eventbridge';
import { DescribeOrganizationCommand, ListAccountsCommand, ListAccountsForParentCommand, paginateListAccounts } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ORG_READER_ROLE_NAME, orgReaderRoleArn } from '../../../infra/org/org-names';
import { NOW } from '../fake-aws/harness';
import { ACCOUNTS, startOrgHarness, type OrgHarness } from './org-harness';

let h: OrgHarness;
beforeEach(async () => {
  h = await startOrgHarness();
});
afterEach(() => h.close());

const unknownKey = { accessKeyId: 'AKIANOBODYISSUEDTHIS', secretAccessKey: 'x' };

describe('routing by credentials', () => {
  it('serves each request from the account whose key signed it', async () => {
    h.accounts.prod.addInstance({ imageId: h.accounts.prod.addImage({ name: 'prod' }) });

    const prod = await h.clients(h.credentialsOf(ACCOUNTS.prod)).ec2.send(new DescribeInstancesCommand({}));
    const sandbox = await h.clients(h.credentialsOf(ACCOUNTS.sandbox)).ec2.send(new DescribeInstancesCommand({}));

    expect(prod.Reservations?.flatMap((reservation) => reservation.Instances ?? [])).toHaveLength(1);
    expect(sandbox.Reservations ?? []).toEqual([]);
    expect(h.accounts.prod.calls.map((call) => call.action)).toEqual(['DescribeInstances']);
    expect(h.accounts.sandbox.calls.map((call) => call.action)).toEqual(['DescribeInstances']);
  });

  it('gives each account its own key and region in its env, the management account in the plain env', () => {
    const prod = h.server.envFor(ACCOUNTS.prod);
    const sandbox = h.server.envFor(ACCOUNTS.sandbox);

    expect(prod.AWS_ACCESS_KEY_ID).not.toBe(sandbox.AWS_ACCESS_KEY_ID);
    expect(prod.AWS_ACCESS_KEY_ID).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect([prod.AWS_REGION, sandbox.AWS_REGION]).toEqual(['us-east-1', 'eu-west-1']);
    expect(h.server.env.AWS_ACCESS_KEY_ID).toBe(h.server.envFor(ACCOUNTS.management).AWS_ACCESS_KEY_ID);
  });

  it.each([
    ['EC2 (EC2 Query)', (c: ReturnType<OrgHarness['clients']>) => c.ec2.send(new DescribeInstancesCommand({})), 'AuthFailure', 401],
    ['STS (awsQuery)', (c: ReturnType<OrgHarness['clients']>) => c.sts.send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403],
    ['EventBridge (JSON)', (c: ReturnType<OrgHarness['clients']>) => c.events.send(new ListRuleNamesByTargetCommand({ TargetArn: 'x' })), 'UnrecognizedClientException', 400],
    ['Organizations (JSON)', (c: ReturnType<OrgHarness['clients']>) => c.organizations.send(new ListAccountsCommand({})), 'UnrecognizedClientException', 400],
  ])('answers a key nobody issued with the service\'s own error: %s', async (_title, call, name, status) => {
    await expect(call(h.clients(unknownKey))).rejects.toMatchObject({ name, $metadata: { httpStatusCode: status } });
    expect(Object.values(h.accounts).flatMap((account) => account.calls)).toEqual([]);
  });
});

describe('STS', () => {
  it('names the caller of a long-term key', async () => {
    const identity = await h.clients(h.credentialsOf(ACCOUNTS.prod)).sts.send(new GetCallerIdentityCommand({}));

    expect(identity).toMatchObject({ Account: ACCOUNTS.prod, Arn: `arn:aws:sts::${ACCOUNTS.prod}:assumed-role/fake-aws-caller/fake-aws-session` });
  });

  it('assumes a role the target account trusts the caller for: the new key lands in the target account until it expires', async () => {
    h.org.deployReaderRole();
    const management = h.clients(h.credentialsOf(ACCOUNTS.management));

    const { Credentials, AssumedRoleUser } = await management.sts.send(new AssumeRoleCommand({ RoleArn: orgReaderRoleArn('aws', ACCOUNTS.prod), RoleSessionName: 'status-org', DurationSeconds: 900 }));
    const assumed = h.clients({ accessKeyId: Credentials?.AccessKeyId ?? '', secretAccessKey: Credentials?.SecretAccessKey ?? '', sessionToken: Credentials?.SessionToken ?? '' });
    const identity = await assumed.sts.send(new GetCallerIdentityCommand({}));

    const arn = `arn:aws:sts::${ACCOUNTS.prod}:assumed-role/${ORG_READER_ROLE_NAME}/status-org`;
    expect(AssumedRoleUser?.Arn).toBe(arn);
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(Credentials?.Expiration).toEqual(new Date(NOW + 900_000));
    expect(identity).toMatchObject({ Account: ACCOUNTS.prod, Arn: arn });
    expect(h.accounts.prod.calls.map((call) => call.action)).toEqual(['GetCallerIdentity']);
  });

  it.each([
    ['the role does not exist', () => undefined, orgReaderRoleArn('aws', ACCOUNTS.prod)],
    ['the role does not trust the caller\'s account', (harness: OrgHarness) => harness.org.deployReaderRole(ACCOUNTS.central), orgReaderRoleArn('aws', ACCOUNTS.prod)],
  ])('answers AccessDenied when %s, without saying which', async (_title, seed, roleArn) => {
    seed(h);

    const call = h.clients(h.credentialsOf(ACCOUNTS.management)).sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'status-org' }));

    await expect(call).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:sts::${ACCOUNTS.management}:assumed-role/fake-aws-caller/fake-aws-session is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('answers RegionDisabledException (403) where the role\'s account deactivated STS in the region signed for, and assumes it elsewhere', async () => {
    h.org.deployReaderRole();
    h.org.deactivateSts(ACCOUNTS.prod, 'us-east-1');
    const roleArn = orgReaderRoleArn('aws', ACCOUNTS.prod);
    const inRegion = (region: string) =>
      new STSClient({ endpoint: h.server.endpoint, region, credentials: h.credentialsOf(ACCOUNTS.management), maxAttempts: 1 }).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'status-org' }));

    await expect(inRegion('us-east-1')).rejects.toMatchObject({
      name: 'RegionDisabledException',
      message: `STS is not activated in this region for account:${ACCOUNTS.prod}. Your account administrator can activate STS in this region using the IAM Console.`,
      $metadata: { httpStatusCode: 403 },
    });
    await expect(inRegion('eu-west-1')).resolves.toMatchObject({ Credentials: { AccessKeyId: expect.stringMatching(/^ASIA/) } });
  });

  it('answers ExpiredToken (403) to a caller whose own session has ended, whatever the role', async () => {
    h.org.deployReaderRole();
    const ended = h.org.keys.issueTemporary({ accountId: ACCOUNTS.management, principal: `arn:aws:sts::${ACCOUNTS.management}:assumed-role/ops/me`, expiresAt: NOW - 1 });

    const call = h.clients({ accessKeyId: ended.accessKeyId, secretAccessKey: ended.secretAccessKey, sessionToken: ended.sessionToken ?? '' }).sts.send(
      new AssumeRoleCommand({ RoleArn: orgReaderRoleArn('aws', ACCOUNTS.prod), RoleSessionName: 'status-org' }),
    );

    await expect(call).rejects.toMatchObject({ name: 'ExpiredToken', message: 'The security token included in the request is expired', $metadata: { httpStatusCode: 403 } });
  });
});

describe('Organizations', () => {
  it('lists every account to the management account, a page at a time (3 without MaxResults, never more than asked)', async () => {
    const organizations = h.clients(h.credentialsOf(ACCOUNTS.management)).organizations;
    const pages: number[] = [];
    const ids: string[] = [];

    for await (const page of paginateListAccounts({ client: organizations }, {})) {
      pages.push(page.Accounts?.length ?? 0);
      ids.push(...(page.Accounts ?? []).map((account) => account.Id ?? ''));
    }
    const two = await organizations.send(new ListAccountsCommand({ MaxResults: 2 }));

    expect(pages).toEqual([3, 1]);
    expect(ids).toEqual([ACCOUNTS.management, ACCOUNTS.central, ACCOUNTS.prod, ACCOUNTS.sandbox]);
    expect(two.Accounts).toHaveLength(2);
    expect(two.Accounts?.[0]).toMatchObject({ Arn: `arn:aws:organizations::${ACCOUNTS.management}:account/${h.org.id}/${ACCOUNTS.management}`, Status: 'ACTIVE' });
    expect(h.org.id).toMatch(/^o-[a-z0-9]{10}$/);
  });

  it('lists the accounts of one OU', async () => {
    const organizations = h.clients(h.credentialsOf(ACCOUNTS.management)).organizations;

    const production = await organizations.send(new ListAccountsForParentCommand({ ParentId: h.org.ouId('production') }));

    expect(production.Accounts?.map((account) => account.Id)).toEqual([ACCOUNTS.prod]);
    await expect(organizations.send(new ListAccountsForParentCommand({ ParentId: 'ou-none-00000000' }))).rejects.toMatchObject({ name: 'ParentNotFoundException' });
  });

  it.each([
    ['a member account', ACCOUNTS.prod, 'AccessDeniedException', "You don't have permissions to access this resource."],
    ['an account outside the organization', ACCOUNTS.stranger, 'AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.'],
  ])('refuses ListAccounts to %s', async (_title, accountId, name, message) => {
    await expect(h.clients(h.credentialsOf(accountId)).organizations.send(new ListAccountsCommand({}))).rejects.toMatchObject({ name, message });
  });

  it('refuses more than 20 a page', async () => {
    const call = h.clients(h.credentialsOf(ACCOUNTS.management)).organizations.send(new ListAccountsCommand({ MaxResults: 21 }));

    await expect(call).rejects.toMatchObject({ name: 'InvalidInputException' });
  });

  it('describes the organization to any member', async () => {
    const { Organization } = await h.clients(h.credentialsOf(ACCOUNTS.sandbox)).organizations.send(new DescribeOrganizationCommand({}));

    expect(Organization).toMatchObject({ Id: h.org.id, MasterAccountId: ACCOUNTS.management, FeatureSet: 'ALL' });
  });
});
