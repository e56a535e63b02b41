import { requireGroup } from './group-state';
import { membersByGroup, membersOf } from './group-members';
import { checkWeights, unitsOf, weightOf } from './group-weights';
import { createInstance, type NewInstance } from './instances';
import { launchSpec } from './launch-source';
import type { DesiredCapacityType, GroupRecord, GroupTag, InstanceRecord, Override, TemplateRef, WarmPoolRecord } from './state';
import { drain, registerSettled } from './load-balancers';
import { warmPoolOf, warmPoolTarget } from './warm-pool';
import { nextId, nextUuid, type World } from './world';
import { ensureZone, leastPopulatedZone } from './zones';

export interface GroupSpec {
  readonly name: string;
  /** Defaults: min 0, desired = min, max = max(10, desired); in units when the group sets weights. */
  readonly minSize?: number;
  readonly maxSize?: number;
  readonly desiredCapacity?: number;
  /** `vcpu` / `memory-mib`: members weigh their vCPUs / MiB (instance-sizes.ts); needs a mixed instances policy. */
  readonly desiredCapacityType?: DesiredCapacityType;
  readonly launchTemplate?: TemplateRef;
  readonly launchConfigurationName?: string;
  /** Overrides may set `weightedCapacity` ('1'-'999', on all or none): sizes are then in those units. */
  readonly mixedInstancesPolicy?: { readonly launchTemplate: TemplateRef; readonly overrides: readonly Override[] };
  readonly targetGroupArns?: readonly string[];
  /** Classic Load Balancers, created if new. */
  readonly loadBalancerNames?: readonly string[];
  /** VPC Lattice target groups (ARNs), attached as `vpc-lattice` traffic sources; created if new. */
  readonly latticeTargetGroupArns?: readonly string[];
  /** Plain key/value (not propagated) or full tags. */
  readonly tags?: Readonly<Record<string, string>> | readonly GroupTag[];
  readonly availabilityZones?: readonly string[];
  readonly status?: string;
  readonly suspendedProcesses?: readonly string[];
  /** `EC2` by default. */
  readonly healthCheckType?: string;
  /** A warm pool; `fillWarmPool` seeds it, groups keep it at size (warm-pool.ts). */
  readonly warmPool?: { readonly minSize?: number; readonly poolState?: WarmPoolRecord['poolState']; readonly maxGroupPreparedCapacity?: number };
  readonly instanceMaintenancePolicy?: { readonly minHealthyPercentage: number; readonly maxHealthyPercentage: number };
  /** DefaultInstanceWarmup in seconds; reported only. */
  readonly defaultInstanceWarmup?: number;
}

/** An instance to seed; in a group, the image, type and template default to what the group launches now. */
export type InstanceSpec = Omit<NewInstance, 'group' | 'imageId'> & { readonly group?: string; readonly imageId?: string };

const maxPrepared = (pool: NonNullable<GroupSpec['warmPool']>) => (pool.maxGroupPreparedCapacity !== undefined ? { maxGroupPreparedCapacity: pool.maxGroupPreparedCapacity } : {});

const isTagList = (tags: GroupSpec['tags']): tags is readonly GroupTag[] => Array.isArray(tags);

const toTags = (tags: GroupSpec['tags']): GroupTag[] =>
  isTagList(tags) ? tags.map((tag) => ({ ...tag })) : Object.entries(tags ?? {}).map(([key, value]) => ({ key, value, propagateAtLaunch: false }));

export function addGroup(world: World, spec: GroupSpec): GroupRecord {
  if (world.state.groups[spec.name]) throw new Error(`fake-aws: group ${spec.name} exists`);
  checkWeights(spec.name, spec.desiredCapacityType, spec.mixedInstancesPolicy?.overrides);
  const { accountId, region } = world.state;
  const minSize = spec.minSize ?? 0;
  const desiredCapacity = spec.desiredCapacity ?? minSize;
  const group: GroupRecord = {
    name: spec.name,
    arn: `arn:aws:autoscaling:${region}:${accountId}:autoScalingGroup:${nextUuid(world.state)}:autoScalingGroupName/${spec.name}`,
    minSize,
    maxSize: spec.maxSize ?? Math.max(10, desiredCapacity),
    desiredCapacity,
    availabilityZones: [...(spec.availabilityZones ?? [`${region}a`, `${region}b`])],
    targetGroupArns: [...(spec.targetGroupArns ?? [])],
    loadBalancerNames: [...(spec.loadBalancerNames ?? [])],
    latticeTargetGroupArns: [...(spec.latticeTargetGroupArns ?? [])],
    tags: toTags(spec.tags),
    suspendedProcesses: [...(spec.suspendedProcesses ?? [])],
    createdTime: world.now(),
    ...(spec.status ? { status: spec.status } : {}),
    ...(spec.desiredCapacityType ? { desiredCapacityType: spec.desiredCapacityType } : {}),
    ...(spec.launchTemplate ? { launchTemplate: { ...spec.launchTemplate } } : {}),
    ...(spec.launchConfigurationName ? { launchConfigurationName: spec.launchConfigurationName } : {}),
    ...(spec.mixedInstancesPolicy ? { mixedInstancesPolicy: structuredClone({ ...spec.mixedInstancesPolicy, overrides: [...spec.mixedInstancesPolicy.overrides] }) } : {}),
    ...(spec.instanceMaintenancePolicy ? { instanceMaintenancePolicy: { ...spec.instanceMaintenancePolicy } } : {}),
    ...(spec.healthCheckType ? { healthCheckType: spec.healthCheckType } : {}),
    ...(spec.defaultInstanceWarmup !== undefined ? { defaultInstanceWarmup: spec.defaultInstanceWarmup } : {}),
    ...(spec.warmPool ? { warmPool: { minSize: spec.warmPool.minSize ?? 0, poolState: spec.warmPool.poolState ?? 'Stopped', ...maxPrepared(spec.warmPool) } } : {}),
  };
  for (const zone of group.availabilityZones) ensureZone(world.state, zone);
  for (const arn of group.targetGroupArns) world.state.targetGroups[arn] ??= {};
  for (const name of group.loadBalancerNames) world.state.classicLoadBalancers[name] ??= {};
  for (const arn of group.latticeTargetGroupArns) world.state.latticeTargetGroups[arn] ??= {};
  world.state.groups[group.name] = group;
  return group;
}

export function addTargetGroup(world: World, name?: string): string {
  const id = nextId(world.state, 'tg').slice(3);
  const arn = `arn:aws:elasticloadbalancing:${world.state.region}:${world.state.accountId}:targetgroup/${name ?? `tg-${id}`}/${id}`;
  world.state.targetGroups[arn] = {};
  return arn;
}

/** A VPC Lattice target group of instances: arn:aws:vpc-lattice:REGION:ACCOUNT:targetgroup/tg-<17 of [0-9a-z]> (ListTargets' pattern). */
export function addLatticeTargetGroup(world: World): string {
  const id = nextId(world.state, 'tg');
  const arn = `arn:aws:vpc-lattice:${world.state.region}:${world.state.accountId}:targetgroup/${id}`;
  world.state.latticeTargetGroups[arn] = {};
  return arn;
}

export function addInstance(world: World, spec: InstanceSpec): string {
  const group = spec.group !== undefined ? requireGroup(world.state, spec.group) : undefined;
  const source = group ? launchSpec(world.state, group, spec.instanceType) : undefined;
  const imageId = spec.imageId ?? source?.imageId;
  if (!imageId) throw new Error('fake-aws: addInstance needs an imageId (or a group whose launch source resolves)');
  const instance = createInstance(world, { ...source, ...spec, imageId, group });
  // Seeded members were there before the story starts: registered and settled, whatever is suspended now.
  if (group && (instance.lifecycleState === 'InService' || instance.lifecycleState?.startsWith('Terminating'))) registerSettled(world.state, group, instance.instanceId);
  if (group && instance.lifecycleState?.startsWith('Terminating')) drain(world.state, group, instance.instanceId);
  return instance.instanceId;
}

/** Launches InService, Healthy members until the group holds its desired capacity in units (seeding: no Pending step). */
export function fillGroup(world: World, name: string, launchTime?: number): string[] {
  return fillFrom(world, name, membersOf(world.state, name), launchTime);
}

/**
 * `fillGroup` for many groups, their members found in one pass over the account (filling one group changes no other's
 * members): seeding a large account stays linear in its instances.
 */
export function fillGroups(world: World, fills: readonly { readonly name: string; readonly launchTime?: number }[]): string[] {
  const members = membersByGroup(world.state);
  return fills.flatMap(({ name, launchTime }) => fillFrom(world, name, members.get(name) ?? [], launchTime));
}

function fillFrom(world: World, name: string, members: readonly InstanceRecord[], launchTime: number | undefined): string[] {
  const group = requireGroup(world.state, name);
  const ids: string[] = [];
  const overrides = group.mixedInstancesPolicy?.overrides ?? [];
  // Zones are balanced by count, as the group's own launches are; only InService members are filled up to desired.
  const inService = members.filter((instance) => instance.lifecycleState === 'InService');
  for (let index = inService.length, units = unitsOf(group, inService); units < group.desiredCapacity; index += 1) {
    const instanceType = overrides[index % Math.max(overrides.length, 1)]?.instanceType;
    const source = launchSpec(world.state, group, instanceType);
    if (!source) throw new Error(`fake-aws: the launch source of group ${name} does not resolve`);
    const availabilityZone = leastPopulatedZone(group, inService, `${world.state.region}a`);
    const id = addInstance(world, { ...source, group: name, availabilityZone, ...(launchTime !== undefined ? { launchTime } : {}) });
    ids.push(id);
    const instance = world.state.instances[id] as InstanceRecord;
    inService.push(instance);
    units += weightOf(group, instance);
  }
  return ids;
}

/** Seeds the warm pool to its size with warmed instances (seeding: no activities); returns their IDs. */
export function fillWarmPool(world: World, name: string, launchTime?: number): string[] {
  const group = requireGroup(world.state, name);
  if (!group.warmPool) throw new Error(`fake-aws: group ${name} has no warm pool`);
  const ids: string[] = [];
  for (let index = warmPoolOf(world.state, name).length; index < warmPoolTarget(group); index += 1) {
    ids.push(addInstance(world, { group: name, lifecycleState: `Warmed:${group.warmPool.poolState}`, ...(launchTime !== undefined ? { launchTime } : {}) }));
  }
  return ids;
}
