import { paginateDescribeInstanceRefreshes } from '@aws-sdk/client-auto-scaling';
import { paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import type { AwsClients } from '../clients';
import type { GroupGates, GroupSnapshot, ReadFailure } from '../model/fleet';
import { chunk } from '../util/chunk';
import { mapWithConcurrency } from '../util/map-with-concurrency';
import { describeError, readFailureCode } from '../util/describe-error';
import { readLaunchActivity } from './read-launch-activity';
import { membersNotServing, readLoadBalancerHealth } from './read-target-health';

export interface GateRequest {
  readonly group: GroupSnapshot;
  readonly alarmNames: readonly string[];
  /** For a group with a bake time: its start (now less the bake time); the launches that ended since are read. */
  readonly bakeSince?: number;
}

const ACTIVE_REFRESH = new Set(['Pending', 'InProgress', 'Cancelling', 'RollbackInProgress', 'Baking']);

/** Whether an instance refresh is under way, every page followed; a failed read is returned as such (it holds the group). */
async function refreshActive(clients: AwsClients, groupName: string): Promise<boolean | ReadFailure> {
  try {
    for await (const page of paginateDescribeInstanceRefreshes({ client: clients.autoScaling, pageSize: 100 }, { AutoScalingGroupName: groupName, MaxRecords: 100 })) {
      if ((page.InstanceRefreshes ?? []).some((refresh) => ACTIVE_REFRESH.has(refresh.Status ?? ''))) return true;
    }
    return false;
  } catch (error) {
    return { code: readFailureCode(error), message: `instance refreshes could not be read: ${describeError(error)}` };
  }
}

/** State of each alarm by name; an alarm that does not exist is absent; a failed read gives its names the failure. */
async function alarmStates(clients: AwsClients, names: readonly string[]): Promise<Map<string, string | ReadFailure>> {
  const states = new Map<string, string | ReadFailure>();
  for (const batch of chunk(names, 100)) {
    try {
      const pages = paginateDescribeAlarms({ client: clients.cloudWatch }, { AlarmNames: batch, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] });
      for await (const page of pages) {
        for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) {
          if (alarm.AlarmName) states.set(alarm.AlarmName, alarm.StateValue ?? 'INSUFFICIENT_DATA');
        }
      }
    } catch (error) {
      for (const name of batch) states.set(name, { code: readFailureCode(error), message: `the state of alarm ${name} could not be read: ${describeError(error)}` });
    }
  }
  return states;
}

/**
 * The health gates of the groups that have something due: instance refreshes, alarms, load-balancer registrations
 * and the group's latest launch. A read that fails holds its group and is listed in `readFailures`, never passed as fine.
 */
export async function readGroupGates(clients: AwsClients, requests: readonly GateRequest[]): Promise<ReadonlyMap<string, GroupGates>> {
  const alarmNames = [...new Set(requests.flatMap((request) => request.alarmNames))];
  const [refreshes, launches, alarms, health] = await Promise.all([
    mapWithConcurrency(requests, 8, (request) => refreshActive(clients, request.group.name)),
    mapWithConcurrency(requests, 8, (request) => readLaunchActivity(clients, request.group.name, request.bakeSince)),
    alarmStates(clients, alarmNames),
    readLoadBalancerHealth(clients, requests.map((request) => request.group)),
  ]);
  return new Map(
    requests.map((request, index): [string, GroupGates] => {
      const refresh = refreshes[index] ?? true;
      const targets = membersNotServing(request.group, health);
      const launch = launches[index];
      const unreadAlarms = request.alarmNames.flatMap((name) => {
        const state = alarms.get(name);
        return typeof state === 'object' ? [state] : [];
      });
      return [
        request.group.name,
        {
          instanceRefreshActive: refresh !== false,
          alarmsHolding: request.alarmNames.filter((name) => (alarms.get(name) ?? 'missing') !== 'OK' && alarms.get(name) !== 'INSUFFICIENT_DATA'),
          alarmsUnknown: request.alarmNames.filter((name) => !alarms.has(name)),
          unhealthyTargets: targets.unhealthy,
          cannotReplace: launch?.cannotReplace,
          readFailures: [...(typeof refresh === 'object' ? [refresh] : []), ...unreadAlarms, ...targets.failures],
          ...(launch?.launchesEnded ? { launchesEnded: launch.launchesEnded } : {}),
        },
      ];
    }),
  );
}
