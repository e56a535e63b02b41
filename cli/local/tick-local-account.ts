import type { TickResult } from '../../local/fake-aws/tick';
import type { LocalAccount } from '../../local/local-account-store';
import type { RunReport } from '../../lambda/model/report';
import { createCliClients, type CliClients, type Connection } from '../aws/cli-clients';
import { findDeployment, type Deployment } from '../aws/find-deployment';
import { invokeFunction, readReservedConcurrency, readSchedules } from '../aws/function-control';
import { scheduledEvent } from '../../local/scheduled-event';

export interface LocalStep {
  readonly fleet: TickResult;
  /** The scheduled run's report; null when the schedule is disabled or the function paused. */
  readonly run: RunReport | null;
}

/** The schedule fires only while it is enabled and the function accepts invocations: `pause` stops these runs too. */
async function scheduleFires(clients: CliClients, deployment: Deployment): Promise<boolean> {
  const schedules = await readSchedules(clients, deployment);
  const concurrency = await readReservedConcurrency(clients, deployment.functionName);
  return schedules.some((rule) => rule.state === 'ENABLED') && concurrency !== 0;
}

/**
 * Advances the local account one schedule interval per step: the fleet moves on (terminations finish,
 * replacements come into service), then the schedule runs the deployed function, as AWS would every 15 minutes.
 */
export async function tickLocalAccount(connection: Connection, local: LocalAccount, steps: number, now: () => number): Promise<LocalStep[]> {
  const clients = createCliClients(connection);
  const deployment = await findDeployment(clients, {});
  const results: LocalStep[] = [];
  for (let step = 0; step < steps; step += 1) {
    const fleet = local.account.tick();
    const run = (await scheduleFires(clients, deployment)) ? await invokeFunction(clients, deployment.functionName, scheduledEvent(local.account.state, now(), `local-${now()}`)) : null;
    results.push({ fleet, run });
  }
  return results;
}
