import { accessKeyIdOf } from '../fake-aws/dispatch';
import { startRoutedFakeAws, type FakeAws, type FakeAwsOptions } from '../fake-aws/server';
import { CONTROL_PLANE_SERVICES } from '../fake-aws/services/control-plane-services';
import { organizationsService } from '../fake-aws/services/organizations';
import { stsService } from '../fake-aws/services/sts';
import { credentialError } from './credential-errors';
import type { LocalOrganization } from './local-organization';

export interface OrgServer extends FakeAws {
  /** The env of a process working in one account: the server's endpoints, that account's key and region. */
  envFor(accountId: string): Record<string, string>;
}

/**
 * One endpoint on 127.0.0.1 for every account of the organization (and the outsiders it serves): each request lands
 * in the account whose access key signed it (`Credential=AKID/…` of SigV4); a key nobody issued, or a session past its
 * expiry, gets the service's own credentials error. Serves the data plane, the control plane, STS and Organizations.
 */
export async function startOrgServer(org: LocalOrganization, options: FakeAwsOptions = {}): Promise<OrgServer> {
  const services = { ...CONTROL_PLANE_SERVICES, [stsService.signingName]: stsService, [organizationsService.signingName]: organizationsService, ...options.services };
  const management = org.management;
  const fake = await startRoutedFakeAws(
    {
      accountFor(request, signingName) {
        const holder = org.keys.holderOf(accessKeyIdOf(request), management.now());
        if (typeof holder === 'string') return credentialError(signingName, holder);
        return org.account(holder.accountId) ?? credentialError(signingName, 'unknown-key');
      },
      now: () => management.now(),
      region: management.state.region,
    },
    { ...options, services },
  );
  const envFor = (accountId: string): Record<string, string> => {
    const account = org.account(accountId);
    if (!account) throw new Error(`local organization: no account ${accountId}`);
    const key = org.keys.forAccount(accountId);
    return { ...fake.env, AWS_REGION: account.state.region, AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey };
  };
  // The plain env works in the management account: the server's default key is nobody's here.
  return { ...fake, env: envFor(org.managementAccountId), envFor };
}
