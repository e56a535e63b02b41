import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { clientConfig, type Connection } from '../aws/cli-clients';

/** The operator's clients for the organization: Organizations to list the accounts, STS to assume the reader role in each. */
export interface OrgClients {
  readonly organizations: OrganizationsClient;
  readonly sts: STSClient;
}

export function createOrgClients(connection: Connection): OrgClients {
  const config = clientConfig(connection);
  return { organizations: new OrganizationsClient(config), sts: new STSClient(config) };
}
