import type { CliClients } from '../aws/cli-clients';
import type { DeploymentTarget } from '../aws/find-deployment';
import { readStatus } from '../commands/status-command';
import { judgeStatus, type StatusVerdict } from './judge-status';
import { readLatestRunFailure } from './latest-run-failure';
import { assumeRoleOf, type MemberOutcome, type StatusRow } from './org-row';

/** How far back a failure counts when no report was logged at all: as far as `status` looks for a report. */
const NO_REPORT_LOOKBACK_MS = 14 * 86_400_000;

/** `status` in one member account, judged; a run that failed after the latest report counts too. Reads only. */
export async function readMemberStatus(clients: CliClients, target: DeploymentTarget, now: number): Promise<StatusVerdict> {
  const status = await readStatus(clients, target, now);
  const since = status.latest ? Date.parse(status.latest.time) : now - NO_REPORT_LOOKBACK_MS;
  const failure = await readLatestRunFailure(clients, status.deployment.logGroupName, since);
  return judgeStatus(status, failure, now);
}

export function statusRow(outcome: MemberOutcome<StatusVerdict>): StatusRow {
  const { account, region } = outcome.target;
  const where = { account: account.id, ...(account.name ? { name: account.name } : {}), region };
  if (outcome.kind === 'read') return { ...where, ...outcome.value };
  return { ...where, state: outcome.kind, why: [outcome.why], ...assumeRoleOf(outcome) };
}
