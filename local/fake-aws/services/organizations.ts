import {
  DescribeOrganization$,
  ListAccounts$,
  ListAccountsForParent$,
  ListOrganizationalUnitsForParent$,
  type Account,
  type DescribeOrganizationResponse,
  type ListAccountsForParentRequest,
  type ListAccountsRequest,
  type ListAccountsResponse,
  type ListOrganizationalUnitsForParentRequest,
  type ListOrganizationalUnitsForParentResponse,
} from '@aws-sdk/client-organizations';
import { organizationOf, type LocalOrganization, type OrgMember } from '../../org/local-organization';
import type { FakeAccount } from '../account';
import { AwsError } from '../protocol/aws-error';
import { jsonService } from '../protocol/json-service';
import { pageOf } from '../protocol/paging';
import { operation } from '../protocol/service';

/*
 * Organizations over JSON 1.1 (target prefix AWSOrganizationsV20161128). ListAccounts and ListAccountsForParent "can be
 * called only from the organization's management account" (delegated administrators are not modelled): a member gets
 * AccessDeniedException "You don't have permissions to access this resource.", an account outside any organization
 * AWSOrganizationsNotInUseException. MaxResults is 1 to 20 (API Reference); without it the fake answers 3 a page, since
 * "Organizations might return fewer results than the maximum even when there are more results available".
 */

const MAX_RESULTS = 20;
const DEFAULT_PAGE = 3;

function organizationFor(account: FakeAccount): LocalOrganization {
  const org = organizationOf(account);
  if (!org?.isMember(account.state.accountId)) throw new AwsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  return org;
}

function fromManagement(account: FakeAccount): LocalOrganization {
  const org = organizationFor(account);
  if (account.state.accountId !== org.managementAccountId) throw new AwsError('AccessDeniedException', "You don't have permissions to access this resource.");
  return org;
}

const toAccount = (org: LocalOrganization, member: OrgMember): Account => ({
  Id: member.accountId,
  Arn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${member.accountId}`,
  Email: member.email,
  Name: member.name,
  Status: 'ACTIVE',
  JoinedMethod: member.accountId === org.managementAccountId ? 'CREATED' : 'INVITED',
  JoinedTimestamp: new Date(member.joinedAt),
});

/** One page of a listing, as every Organizations List* action pages: MaxResults 1 to 20, a NextToken for the rest. */
function organizationsPage<T>(all: readonly T[], input: { MaxResults?: number; NextToken?: string }): { items: T[]; nextToken?: string } {
  if (input.MaxResults !== undefined && (input.MaxResults < 1 || input.MaxResults > MAX_RESULTS)) {
    throw new AwsError('InvalidInputException', `MaxResults must be from 1 to ${MAX_RESULTS}: you provided a value outside the allowed range (MAX_VALUE_EXCEEDED).`);
  }
  return pageOf(all, { requested: input.MaxResults, serverMax: input.MaxResults ?? DEFAULT_PAGE, nextToken: input.NextToken, invalidTokenCode: 'InvalidInputException' });
}

function page(org: LocalOrganization, members: readonly OrgMember[], input: { MaxResults?: number; NextToken?: string }): ListAccountsResponse {
  const { items, nextToken } = organizationsPage(members, input);
  return { Accounts: items.map((member) => toAccount(org, member)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

function listAccounts(account: FakeAccount, input: ListAccountsRequest): ListAccountsResponse {
  const org = fromManagement(account);
  return page(org, org.members(), input);
}

function listAccountsForParent(account: FakeAccount, input: ListAccountsForParentRequest): ListAccountsResponse {
  const org = fromManagement(account);
  const parentId = input.ParentId ?? '';
  if (parentId !== org.rootId && !org.knowsOu(parentId)) throw new AwsError('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.");
  return page(org, org.members().filter((member) => member.parentId === parentId), input);
}

/** The OUs directly under a parent (the API lists "the organizational units (OUs) in a parent", not their children's). */
function listOrganizationalUnitsForParent(account: FakeAccount, input: ListOrganizationalUnitsForParentRequest): ListOrganizationalUnitsForParentResponse {
  const org = fromManagement(account);
  const parentId = input.ParentId ?? '';
  if (parentId !== org.rootId && !org.knowsOu(parentId)) throw new AwsError('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.");
  const { items, nextToken } = organizationsPage(parentId === org.rootId ? org.organizationalUnits() : [], input);
  const arn = (id: string) => `arn:aws:organizations::${org.managementAccountId}:ou/${org.id}/${id}`;
  return { OrganizationalUnits: items.map((unit) => ({ Id: unit.id, Name: unit.name, Arn: arn(unit.id) })), ...(nextToken ? { NextToken: nextToken } : {}) };
}

function describeOrganization(account: FakeAccount): DescribeOrganizationResponse {
  const org = organizationFor(account);
  const management = org.members().find((member) => member.accountId === org.managementAccountId);
  return {
    Organization: {
      Id: org.id,
      Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
      FeatureSet: 'ALL',
      MasterAccountArn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${org.managementAccountId}`,
      MasterAccountId: org.managementAccountId,
      MasterAccountEmail: management?.email,
    },
  };
}

export const organizationsService = jsonService({
  signingName: 'organizations',
  serviceIds: ['Organizations'],
  jsonVersion: '1.1',
  targetPrefix: 'AWSOrganizationsV20161128',
  operations: {
    ListAccounts: operation(ListAccounts$, listAccounts),
    ListAccountsForParent: operation(ListAccountsForParent$, listAccountsForParent),
    ListOrganizationalUnitsForParent: operation(ListOrganizationalUnitsForParent$, listOrganizationalUnitsForParent),
    DescribeOrganization: operation(DescribeOrganization$, describeOrganization),
  },
  throttle: () => new AwsError('TooManyRequestsException', 'AWS Organizations can\'t complete your request because another request is already in progress. Try again later.'),
});
