import { DescribeInstanceRefreshesCommand } from '@aws-sdk/client-auto-scaling';
import { paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from '../clients';
import type { GroupGates, GroupSnapshot } from '../model/fleet';
import { chunk } from '../util/chunk';
import { mapWithConcurrency } from '../util/map-with-concurrency';

export interface GateRequest {
  readonly group: GroupSnapshot;
  readonly alarmNames: readonly string[];
}

const ACTIVE_REFRESH = new Set(['Pending', 'InProgress', 'Cancelling', 'RollbackInProgress', 'Baking']);

/** A failed read holds the group: an unknown refresh state is treated as one in progress. */
async function refreshActive(clients: AwsClients, groupName: string): Promise<boolean> {
  try {
    const response = await clients.autoScaling.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: groupName, MaxRecords: 5 }));
    return (response.InstanceRefreshes ?? []).some((refresh) => ACTIVE_REFRESH.has(refresh.Status ?? ''));
  } catch {
    return true;
  }
}

/** State of each alarm by name; an alarm that does not exist is absent; a failed read marks its names `unreadable`. */
async function alarmStates(clients: AwsClients, names: readonly string[]): Promise<Map<string, string>> {
  const states = new Map<string, string>();
  for (const batch of chunk(names, 100)) {
    try {
      const pages = paginateDescribeAlarms({ client: clients.cloudWatch }, { AlarmNames: batch, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] });
      for await (const page of pages) {
        for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) {
          if (alarm.AlarmName) states.set(alarm.AlarmName, alarm.StateValue ?? 'INSUFFICIENT_DATA');
        }
      }
    } catch {
      for (const name of batch) states.set(name, 'unreadable');
    }
  }
  return states;
}

/** Health of each target by target group; undefined when it could not be read (then every member counts as unhealthy). */
async function targetHealth(clients: AwsClients, targetGroupArn: string): Promise<Map<string, string> | undefined> {
  try {
    const response = await clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }));
    return new Map((response.TargetHealthDescriptions ?? []).map((target) => [target.Target?.Id ?? '', target.TargetHealth?.State ?? 'unknown']));
  } catch {
    return undefined;
  }
}

function unhealthyMembers(group: GroupSnapshot, health: ReadonlyMap<string, Map<string, string> | undefined>): string[] {
  const memberIds = group.members.map((member) => member.instanceId);
  const unhealthy = new Set<string>();
  for (const arn of group.targetGroupArns) {
    const targets = health.get(arn);
    for (const id of memberIds) {
      const state = targets === undefined ? 'unreadable' : targets.get(id);
      if (state !== undefined && state !== 'healthy') unhealthy.add(id);
    }
  }
  return [...unhealthy];
}

/** The health gates of the groups that have something due: instance refreshes, alarms, load-balancer targets. */
export async function readGroupGates(clients: AwsClients, requests: readonly GateRequest[]): Promise<ReadonlyMap<string, GroupGates>> {
  const alarmNames = [...new Set(requests.flatMap((request) => request.alarmNames))];
  const targetGroups = [...new Set(requests.flatMap((request) => request.group.targetGroupArns))];
  const [refreshes, alarms, health] = await Promise.all([
    mapWithConcurrency(requests, 8, (request) => refreshActive(clients, request.group.name)),
    alarmStates(clients, alarmNames),
    mapWithConcurrency(targetGroups, 8, (arn) => targetHealth(clients, arn)),
  ]);
  const healthByArn = new Map(targetGroups.map((arn, index) => [arn, health[index]]));
  return new Map(
    requests.map((request, index) => [
      request.group.name,
      {
        instanceRefreshActive: refreshes[index] ?? true,
        alarmsHolding: request.alarmNames.filter((name) => (alarms.get(name) ?? 'missing') !== 'OK' && alarms.get(name) !== 'INSUFFICIENT_DATA'),
        alarmsUnknown: request.alarmNames.filter((name) => (alarms.get(name) ?? 'unreadable') === 'unreadable'),
        unhealthyTargets: unhealthyMembers(request.group, healthByArn),
      },
    ]),
  );
}
