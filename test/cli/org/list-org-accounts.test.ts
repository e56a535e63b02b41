import {
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { CommandFailedError, UsageError } from '../../../cli/errors';
import { listOrgAccounts } from '../../../cli/org/list-org-accounts';

const organizations = mockClient(OrganizationsClient);
const client = new OrganizationsClient({ region: 'us-east-1' });

const denied = (name: string, message: string): Error => Object.assign(new Error(message), { name });

beforeEach(() => {
  organizations.reset();
});

describe('listOrgAccounts: the whole organization', () => {
  it('reads every page of ListAccounts and keeps ACTIVE accounts only, with their names', async () => {
    organizations
      .on(ListAccountsCommand)
      .resolvesOnce({
        Accounts: [
          { Id: '111111111111', Name: 'prod', State: 'ACTIVE' },
          { Id: '222222222222', Name: 'old', State: 'SUSPENDED' },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        Accounts: [
          { Id: '333333333333', Name: 'sandbox', State: 'ACTIVE' },
          { Id: '444444444444', Name: 'closing', State: 'PENDING_CLOSURE' },
          { Id: '555555555555', State: 'CLOSED' },
        ],
      });

    const accounts = await listOrgAccounts(client, undefined);

    expect(accounts).toEqual([
      { id: '111111111111', name: 'prod' },
      { id: '333333333333', name: 'sandbox' },
    ]);
    expect(organizations).toHaveReceivedCommandTimes(ListAccountsCommand, 2);
    expect(organizations).toHaveReceivedNthCommandWith(2, ListAccountsCommand, { NextToken: 'page-2' });
  });

  it('falls back on the older Status field when State is absent', async () => {
    organizations.on(ListAccountsCommand).resolves({
      Accounts: [
        { Id: '111111111111', Status: 'ACTIVE' },
        { Id: '222222222222', Status: 'SUSPENDED' },
      ],
    });

    expect(await listOrgAccounts(client, undefined)).toEqual([{ id: '111111111111' }]);
  });

  it.each([
    ['AccessDeniedException', 'You don’t have permissions to access this resource.'],
    ['AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.'],
  ])('%s: a failure naming --accounts as the way out', async (name, message) => {
    organizations.on(ListAccountsCommand).rejects(denied(name, message));

    const listing = listOrgAccounts(client, undefined);

    await expect(listing).rejects.toBeInstanceOf(CommandFailedError);
    await expect(listing).rejects.toThrow(
      new RegExp(`cannot list the organization's accounts \\(ListAccounts: ${name}: .*name the accounts with --accounts 111111111111,222222222222`),
    );
  });

  it('any other error is not dressed up', async () => {
    organizations.on(ListAccountsCommand).rejects(denied('TooManyRequestsException', 'slow down'));

    await expect(listOrgAccounts(client, undefined)).rejects.toThrow('slow down');
  });
});

describe('listOrgAccounts: under an OU', () => {
  it('lists the OU and, since ListAccountsForParent lists direct children only, every child OU down, each page', async () => {
    organizations
      .on(ListAccountsForParentCommand, { ParentId: 'ou-root-workloads' })
      .resolvesOnce({ Accounts: [{ Id: '111111111111', Name: 'shared', State: 'ACTIVE' }], NextToken: 't' })
      .resolvesOnce({ Accounts: [{ Id: '222222222222', Name: 'gone', State: 'SUSPENDED' }] });
    organizations
      .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-root-workloads' })
      .resolves({ OrganizationalUnits: [{ Id: 'ou-root-prod' }, { Id: 'ou-root-dev' }] });
    organizations.on(ListAccountsForParentCommand, { ParentId: 'ou-root-prod' }).resolves({ Accounts: [{ Id: '333333333333', Name: 'prod', State: 'ACTIVE' }] });
    organizations.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-root-prod' }).resolves({ OrganizationalUnits: [{ Id: 'ou-root-prod-eu' }] });
    organizations.on(ListAccountsForParentCommand, { ParentId: 'ou-root-prod-eu' }).resolves({ Accounts: [{ Id: '444444444444', Name: 'prod-eu', State: 'ACTIVE' }] });
    organizations.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-root-prod-eu' }).resolves({ OrganizationalUnits: [] });
    organizations.on(ListAccountsForParentCommand, { ParentId: 'ou-root-dev' }).resolves({ Accounts: [{ Id: '555555555555', State: 'ACTIVE' }] });
    organizations.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-root-dev' }).resolves({});

    const accounts = await listOrgAccounts(client, 'ou-root-workloads');

    expect(accounts.map((account) => account.id)).toEqual(['111111111111', '333333333333', '444444444444', '555555555555']);
    expect(organizations).toHaveReceivedCommandWith(ListAccountsForParentCommand, { ParentId: 'ou-root-workloads', NextToken: 't' });
    expect(organizations).not.toHaveReceivedCommand(ListAccountsCommand);
  });

  it('an OU the organization does not have is bad usage', async () => {
    organizations.on(ListAccountsForParentCommand).rejects(denied('ParentNotFoundException', 'We can’t find a root or OU with the ParentId that you specified.'));

    const listing = listOrgAccounts(client, 'ou-ab12-cd34ef56');

    await expect(listing).rejects.toBeInstanceOf(UsageError);
    await expect(listing).rejects.toThrow('--ou ou-ab12-cd34ef56: no such OU in the organization');
  });

  it('denied: the failure names ListAccountsForParent and --accounts', async () => {
    organizations.on(ListAccountsForParentCommand).rejects(denied('AccessDeniedException', 'not allowed'));

    await expect(listOrgAccounts(client, 'ou-ab12-cd34ef56')).rejects.toThrow(/ListAccountsForParent: AccessDeniedException: not allowed.*--accounts/);
  });
});
