import type { AwsClients } from '../../lambda/clients';
import type { RunSettings } from '../../lambda/config/load-run-policy';
import { readFleet } from '../../lambda/inventory/read-fleet';
import { readGroupGates } from '../../lambda/inventory/read-group-gates';
import type { FleetSnapshot, GroupGates } from '../../lambda/model/fleet';
import { evaluateFleet } from '../../lambda/policy/evaluate-fleet';

/** What the forecast starts from: the fleet as one run reads it, plus what a run reads only when it needs it. */
export interface SourceFleet {
  readonly snapshot: FleetSnapshot;
  /**
   * Health gates of every group in scope, as they are now. A run reads them only for groups with
   * something due; the forecast needs them for all, since any group may come due later.
   */
  readonly gates: ReadonlyMap<string, GroupGates>;
  /** Every alarm name some group watches (configured and tagged), so the copy can hold the OK ones too. */
  readonly alarmNames: readonly string[];
  readonly readAt: number;
}

/**
 * Reads the fleet once, read-only, with the function's own readers and the same options a run
 * uses (`decideRun`, which describes the AMIs groups launch now too), then the health gates of every group.
 */
export async function readSourceFleet(clients: AwsClients, settings: RunSettings, now: number): Promise<SourceFleet> {
  const snapshot = await readFleet(clients, { groups: settings.policy.groups, blockedAmisParameter: settings.blockedAmisParameter, stateKeyArn: settings.stateKeyArn });
  // Each group's alarm names come from its settings (tags over configuration), as a run resolves them.
  const groups = evaluateFleet(snapshot, settings.policy, now).groups;
  const requests = groups.map((group) => ({ group: group.group, alarmNames: group.settings.alarmNames }));
  const gates = await readGroupGates(clients, requests);
  const alarmNames = [...new Set(requests.flatMap((request) => request.alarmNames))];
  return { snapshot, gates, alarmNames, readAt: now };
}
