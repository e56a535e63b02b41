import { centralBusArn, ORG_READER_ROLE_NAME } from '../../infra/org/org-names';
import { invokeFunction } from '../fake-aws/services/lambda-invoke';
import { controlPlaneOf } from '../fake-aws/services/reaper-control-plane';
import { localFunctionBundle } from '../local-function-bundle';
import type { SynthesizedFunction } from '../synthesized-bundle';
import { buildDemoOrganization, DEMO_ORG } from './demo-org';
import { deployOrgReapers, type OrgReaper } from './org-reapers';
import { startOrgServer, type OrgServer } from './org-server';

/** Every member in one region, the CLI's: `--org` reads each account in the regions it is given. */
export const REHEARSAL_REGION = 'us-east-1';
/** The member whose reader role trusts the central account instead of the management account: a trust policy mistake. */
export const MISTRUSTING_MEMBER = 'sandbox';

export interface RehearsalOrganization {
  readonly server: OrgServer;
  close(): Promise<void>;
}

/**
 * Runs the member's function once through its Lambda, as its schedule would: the run's log lines land in the
 * account's CloudWatch Logs, where `status` finds its report. A failed run is the rehearsal's failure.
 */
async function runOnce(reaper: OrgReaper, server: OrgServer, fn: SynthesizedFunction): Promise<void> {
  const plane = controlPlaneOf(reaper.account);
  const [record] = Object.values(plane.state.functions);
  if (!record) throw new Error(`local organization: no reaper in ${reaper.name}`);
  plane.runtime = { bundlePath: () => fn.bundlePath, env: server.envFor(reaper.account.state.accountId) };
  try {
    const { functionError, payload } = await invokeFunction(reaper.account, plane, record, '{}');
    if (functionError) throw new Error(`local organization: the reaper failed in ${reaper.name}: ${payload}`);
  } finally {
    plane.runtime = undefined;
  }
}

/**
 * The demo organization for `status --org --local` and `plan --org --local`, built afresh on the machine's clock (each
 * fleet's ages counted from now, so it prints the same every time): the management account and the central account
 * run no reaper; production, staging and sandbox run the bundle `cdk synth` deploys, once each. Sandbox's reader role
 * trusts the central account only, so AssumeRole from the management account is denied there, as AWS would deny it.
 * Served on 127.0.0.1; `server.env` works in the management account.
 */
export async function startRehearsalOrganization(): Promise<RehearsalOrganization> {
  const { org, members } = buildDemoOrganization(Date.now, { region: REHEARSAL_REGION });
  const sandbox = DEMO_ORG.members.find((member) => member.name === MISTRUSTING_MEMBER);
  if (sandbox) org.roles.add(sandbox.accountId, ORG_READER_ROLE_NAME, { trustedAccountIds: [DEMO_ORG.central.accountId] });
  const server = await startOrgServer(org);
  try {
    const fn = localFunctionBundle();
    const busArn = centralBusArn('aws', DEMO_ORG.central.region, DEMO_ORG.central.accountId);
    const reapers = deployOrgReapers(members, server, fn, { centralBusArn: busArn, environment: { REAPER_AMI_MAX_AGE_DAYS: '90' } });
    await Promise.all(reapers.map((reaper) => runOnce(reaper, server, fn)));
  } catch (error) {
    await server.close();
    throw error;
  }
  return { server, close: () => server.close() };
}
