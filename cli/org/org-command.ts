import type { ManualEvent } from '../../lambda/config/event-schema';
import type { CallObserver, Connection } from '../aws/cli-clients';
import type { CliIo } from '../cli-io';
import { deploymentTarget } from '../command-context';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import type { Output } from '../output';
import { overridesFromOptions, validateOverrides } from '../overrides-event';
import type { CliOptions } from '../parse-cli-args';
import { startProgress } from '../progress';
import { formatOrgPlan, sortPlanRows } from './format-org-plan';
import { formatOrgStatus, sortStatusRows } from './format-org-status';
import { listOrgAccounts, type OrgAccount } from './list-org-accounts';
import { createOrgClients, type OrgClients } from './org-clients';
import { orgOptions, type OrgOptions } from './org-options';
import { planRow, readMemberPlan } from './org-plan';
import { readMemberStatus, statusRow } from './org-status';
import { readMembers, type MemberReader, type MemberScope } from './read-members';
import type { MemberOutcome } from './org-row';
import { withLocalOrganization } from './with-local-organization';

export interface OrgContext {
  readonly io: CliIo;
  readonly options: CliOptions;
  readonly output: Output;
  /** The operator's connection: Organizations and STS are called with it. */
  readonly connection: Connection;
}

async function resolveScope(org: OrgOptions, clients: OrgClients, connection: Connection, observer: CallObserver): Promise<MemberScope> {
  // The CLI's current region (--region, else the SDK's chain); a missing region fails here as a setup error.
  const region = connection.region ?? (await clients.sts.config.region());
  const accounts: OrgAccount[] = org.accounts ? org.accounts.map((id) => ({ id })) : await listOrgAccounts(clients.organizations, org.ou);
  const regions = org.regions.length > 0 ? org.regions : [region];
  return { accounts, regions, roleName: org.roleName, connection: { ...connection, region }, observer };
}

/** Lists the accounts (or takes --accounts), then reads every account and region under the progress indicator. */
async function readOrganization<T>(context: OrgContext, org: OrgOptions, read: MemberReader<T>): Promise<MemberOutcome<T>[]> {
  const clients = createOrgClients(context.connection);
  const observer: CallObserver = {};
  const scope = await resolveScope(org, clients, context.connection, observer);
  const progress = startProgress(context.io, `Reading ${scope.accounts.length} accounts in ${scope.regions.join(', ')}`);
  observer.listener = () => progress.tick();
  try {
    return await readMembers(scope, clients.sts, read);
  } finally {
    progress.stop();
  }
}

/** With `--local`, the command runs against the local organization. */
function onOrganization(context: OrgContext, run: (context: OrgContext) => Promise<ExitCode>): Promise<ExitCode> {
  if (!context.options.local) return run(context);
  return withLocalOrganization(context.io, (connection) => run({ ...context, connection }));
}

/** `status --org`: every account's status, judged, worst first. Exit 3 when any account is out of policy or unreachable. */
export function orgStatusCommand(context: OrgContext): Promise<ExitCode> {
  const org = orgOptions(context.options);
  return onOrganization(context, (on) => statusAcross(on, org));
}

/** `plan --org`: every account's next run, read-only, most to do first. Exit 3 when any account could not be planned. */
export function orgPlanCommand(context: OrgContext): Promise<ExitCode> {
  const org = orgOptions(context.options);
  const event = validateOverrides({ ...overridesFromOptions(context.options), dryRun: true });
  return onOrganization(context, (on) => planAcross(on, org, event));
}

async function statusAcross(context: OrgContext, org: OrgOptions): Promise<ExitCode> {
  const now = context.io.now();
  const outcomes = await readOrganization(context, org, (clients) => readMemberStatus(clients, deploymentTarget(context.options), now));
  const rows = sortStatusRows(outcomes.map(statusRow));
  context.output.result(formatOrgStatus(rows, now), rows);
  return rows.some((row) => row.state === 'out of policy' || row.state === 'unreachable') ? EXIT_CODES.attention : EXIT_CODES.ok;
}

async function planAcross(context: OrgContext, org: OrgOptions, event: ManualEvent): Promise<ExitCode> {
  const now = context.io.now();
  const outcomes = await readOrganization(context, org, (clients) => readMemberPlan(clients, deploymentTarget(context.options), event, now));
  const rows = sortPlanRows(outcomes.map(planRow));
  context.output.result(formatOrgPlan(rows), rows);
  return rows.some((row) => row.state === 'unreachable' || row.state === 'misconfigured') ? EXIT_CODES.attention : EXIT_CODES.ok;
}
