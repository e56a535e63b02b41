import { DescribeInstanceHealthCommand } from '@aws-sdk/client-elastic-load-balancing';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { paginateListTargets } from '@aws-sdk/client-vpc-lattice';
import type { AwsClients } from '../clients';
import type { GroupSnapshot, ReadFailure } from '../model/fleet';
import { mapWithConcurrency } from '../util/map-with-concurrency';
import { describeError, readFailureCode } from '../util/describe-error';

/** A load balancer's view of its targets: instance ID -> healthy or not; or why it could not be read. */
type Registrations = { readonly healthy: ReadonlyMap<string, boolean> } | { readonly failure: ReadFailure };

/**
 * Instance ID -> whether every one of its registrations serves. An instance can be registered in one target group
 * "multiple times using different ports" (ELB API Reference, RegisterTargets), each with its own health; one
 * unhealthy port is enough to hold, whatever order the answer lists them in.
 */
function everyRegistration(entries: readonly (readonly [string, boolean])[]): ReadonlyMap<string, boolean> {
  const healthy = new Map<string, boolean>();
  for (const [id, serves] of entries) healthy.set(id, (healthy.get(id) ?? true) && serves);
  return healthy;
}

/**
 * ELBv2: only `healthy` serves. DescribeTargetHealth lists registered targets only, one description per registration
 * (Target.Id and Target.Port), and carries no NextToken.
 */
async function targetGroupHealth(clients: AwsClients, arn: string): Promise<Registrations> {
  try {
    const response = await clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
    return { healthy: everyRegistration((response.TargetHealthDescriptions ?? []).map((target) => [target.Target?.Id ?? '', target.TargetHealth?.State === 'healthy'])) };
  } catch (error) {
    return { failure: { code: readFailureCode(error), message: `target health of ${arn} could not be read: ${describeError(error)}` } };
  }
}

/** Classic Load Balancers (ELB 2012-06-01): only `InService` serves; registered instances only, each once (by ID, no port). */
async function classicHealth(clients: AwsClients, name: string): Promise<Registrations> {
  try {
    const response = await clients.elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: name }));
    return { healthy: everyRegistration((response.InstanceStates ?? []).map((state) => [state.InstanceId ?? '', state.State === 'InService'])) };
  } catch (error) {
    return { failure: { code: readFailureCode(error), message: `instance health of Classic Load Balancer ${name} could not be read: ${describeError(error)}` } };
  }
}

/**
 * VPC Lattice: only HEALTHY serves. ListTargets lists a target group's registrations (one item per id and port) with
 * their status: DRAINING, UNAVAILABLE ("health checks are unavailable"), HEALTHY, UNHEALTHY, INITIAL or UNUSED ("not
 * used in a service") (VPC Lattice API Reference, ListTargets and TargetSummary); up to 100 a page, every page read.
 */
async function latticeHealth(clients: AwsClients, arn: string): Promise<Registrations> {
  try {
    const entries: [string, boolean][] = [];
    const pages = paginateListTargets({ client: clients.vpcLattice, pageSize: 100 }, { targetGroupIdentifier: arn, maxResults: 100 });
    for await (const page of pages) for (const target of page.items ?? []) entries.push([target.id ?? '', target.status === 'HEALTHY']);
    return { healthy: everyRegistration(entries) };
  } catch (error) {
    return { failure: { code: readFailureCode(error), message: `targets of VPC Lattice target group ${arn} could not be read: ${describeError(error)}` } };
  }
}

/** Each attached load balancer's registrations, by target group ARN (ELB or VPC Lattice) or `elb:` and the Classic Load Balancer's name. */
export type LoadBalancerHealth = ReadonlyMap<string, Registrations>;

const classicKey = (name: string) => `elb:${name}`;

/** Reads every target group (ELB and VPC Lattice) and Classic Load Balancer the groups attach, each once. */
export async function readLoadBalancerHealth(clients: AwsClients, groups: readonly GroupSnapshot[]): Promise<LoadBalancerHealth> {
  const targetGroups = [...new Set(groups.flatMap((group) => group.targetGroupArns))];
  const classics = [...new Set(groups.flatMap((group) => group.loadBalancerNames))];
  const latticeGroups = [...new Set(groups.flatMap((group) => group.latticeTargetGroupArns))];
  const [targetHealth, classicStates, latticeStates] = await Promise.all([
    mapWithConcurrency(targetGroups, 8, (arn) => targetGroupHealth(clients, arn)),
    mapWithConcurrency(classics, 8, (name) => classicHealth(clients, name)),
    mapWithConcurrency(latticeGroups, 8, (arn) => latticeHealth(clients, arn)),
  ]);
  return new Map([
    ...targetGroups.map((arn, index) => [arn, targetHealth[index] as Registrations] as const),
    ...classics.map((name, index) => [classicKey(name), classicStates[index] as Registrations] as const),
    ...latticeGroups.map((arn, index) => [arn, latticeStates[index] as Registrations] as const),
  ]);
}

/**
 * The group's InService members that are not registered and healthy in every load balancer it attaches: a member a
 * load balancer does not list (registration suspended, still `initial`) does not serve. A load balancer that could not
 * be read counts every member as not serving, and its failure is returned.
 */
export function membersNotServing(group: GroupSnapshot, health: LoadBalancerHealth): { unhealthy: string[]; failures: ReadFailure[] } {
  const inService = group.members.filter((member) => member.lifecycleState === 'InService').map((member) => member.instanceId);
  const unhealthy = new Set<string>();
  const failures: ReadFailure[] = [];
  for (const key of [...group.targetGroupArns, ...group.loadBalancerNames.map(classicKey), ...group.latticeTargetGroupArns]) {
    const registrations = health.get(key);
    if (!registrations || 'failure' in registrations) {
      failures.push(registrations?.failure ?? { code: 'read-failed', message: `load balancer ${key} was not read` });
      for (const id of inService) unhealthy.add(id);
      continue;
    }
    for (const id of inService) if (registrations.healthy.get(id) !== true) unhealthy.add(id);
  }
  return { unhealthy: [...unhealthy], failures };
}
