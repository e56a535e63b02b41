import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EC2Client } from '@aws-sdk/client-ec2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { FakeAccount } from '../../../local/fake-aws/account';
import { LocalOrganization } from '../../../local/org/local-organization';
import { startOrgServer, type OrgServer } from '../../../local/org/org-server';
import { NOW } from '../fake-aws/harness';

export const ACCOUNTS = { management: '111111111111', central: '222222222222', prod: '333333333333', sandbox: '444444444444', stranger: '999999999999' } as const;

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface OrgHarness {
  readonly org: LocalOrganization;
  readonly server: OrgServer;
  readonly accounts: Record<keyof typeof ACCOUNTS, FakeAccount>;
  credentialsOf(accountId: string): Credentials;
  clients(credentials: Credentials): { sts: STSClient; organizations: OrganizationsClient; events: EventBridgeClient; ec2: EC2Client };
  close(): Promise<void>;
}

/** An organization of four accounts (management, central, prod in OU production, sandbox in OU sandbox) and a stranger, one server. */
export async function startOrgHarness(): Promise<OrgHarness> {
  const make = (accountId: string, region = 'us-east-1') => new FakeAccount({ now: () => NOW, accountId, region });
  const accounts = {
    management: make(ACCOUNTS.management),
    central: make(ACCOUNTS.central),
    prod: make(ACCOUNTS.prod),
    sandbox: make(ACCOUNTS.sandbox, 'eu-west-1'),
    stranger: make(ACCOUNTS.stranger),
  };
  const org = new LocalOrganization(accounts.management);
  org.addMember(accounts.central, { name: 'central' });
  org.addMember(accounts.prod, { name: 'prod', ou: 'production' });
  org.addMember(accounts.sandbox, { name: 'sandbox', ou: 'sandbox' });
  org.addOutsider(accounts.stranger);
  const server = await startOrgServer(org);
  const made: { destroy(): void }[] = [];
  const config = (credentials: Credentials) => ({ endpoint: server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  return {
    org,
    server,
    accounts,
    credentialsOf(accountId) {
      const env = server.envFor(accountId);
      return { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '' };
    },
    clients(credentials) {
      const clients = {
        sts: new STSClient(config(credentials)),
        organizations: new OrganizationsClient(config(credentials)),
        events: new EventBridgeClient(config(credentials)),
        ec2: new EC2Client(config(credentials)),
      };
      made.push(...Object.values(clients));
      return clients;
    },
    async close() {
      for (const client of made) client.destroy();
      await server.close();
    },
  };
}
