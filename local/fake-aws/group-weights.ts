import { INSTANCE_SIZES } from './instance-sizes';
import type { DesiredCapacityType, GroupRecord, InstanceRecord, Override } from './state';

/*
 * Capacity in units (Amazon EC2 Auto Scaling User Guide, "Configure an Auto Scaling group to use
 * instance weights"; API Reference, LaunchTemplateOverrides.WeightedCapacity and DesiredCapacityType).
 * With override weights, or DesiredCapacityType `vcpu` / `memory-mib` (attribute-based instance type
 * selection), a group's min, max and desired sizes are in units and each instance counts its type's
 * units toward them; otherwise every instance counts 1, as it always did.
 */

const MAX_WEIGHT = 999;

export const isWeighted = (group: GroupRecord): boolean =>
  group.desiredCapacityType === 'vcpu' || group.desiredCapacityType === 'memory-mib' || (group.mixedInstancesPolicy?.overrides.some((o) => o.weightedCapacity !== undefined) ?? false);

/** What an instance of this type counts for in the group now; undefined when the group does not say (unweighted, or a type it no longer lists). */
export function typeWeight(group: GroupRecord, instanceType: string | undefined): number | undefined {
  if (instanceType === undefined) return undefined;
  const size = INSTANCE_SIZES[instanceType];
  if (group.desiredCapacityType === 'vcpu') return size?.vcpus;
  if (group.desiredCapacityType === 'memory-mib') return size?.memoryMiB;
  const weight = group.mixedInstancesPolicy?.overrides.find((o) => o.instanceType === instanceType)?.weightedCapacity;
  return weight === undefined ? undefined : Number(weight);
}

/** A member's units: the weight it launched with (a removed type keeps its last weight, as AWS documents), else its type's, else 1. */
export function weightOf(group: GroupRecord, instance: InstanceRecord): number {
  if (!isWeighted(group)) return 1;
  return instance.weightedCapacity ?? typeWeight(group, instance.instanceType) ?? 1;
}

/** Units of the given instances; a count for unweighted groups (launch loops call this per launch on large fleets). */
export const unitsOf = (group: GroupRecord, instances: readonly InstanceRecord[]): number =>
  isWeighted(group) ? instances.reduce((sum, instance) => sum + weightOf(group, instance), 0) : instances.length;

/**
 * The weight a new member of the group gets: its type's, or `explicit` for a type the group does not
 * weigh (a seeded member of a removed type). Throws plain Errors: this guards seeding, not the API.
 */
export function weightForNewMember(group: GroupRecord, instanceType: string, explicit?: number): number | undefined {
  if (!isWeighted(group)) {
    if (explicit !== undefined && explicit !== 1) throw new Error(`fake-aws: group ${group.name} sets no weights; its members weigh 1`);
    return undefined;
  }
  const weight = typeWeight(group, instanceType);
  if (weight !== undefined && explicit !== undefined && explicit !== weight) throw new Error(`fake-aws: ${instanceType} weighs ${weight} in group ${group.name}`);
  if (weight === undefined && group.desiredCapacityType !== undefined && group.desiredCapacityType !== 'units' && explicit === undefined) {
    throw new Error(`fake-aws: no vCPU or memory size for ${instanceType} (local/fake-aws/instance-sizes.ts)`);
  }
  if (explicit !== undefined && !(Number.isInteger(explicit) && explicit >= 1)) throw new Error(`fake-aws: weight ${explicit} is not a whole number of units`);
  return weight ?? explicit ?? 1;
}

/**
 * Refuses what AWS refuses on CreateAutoScalingGroup: a WeightedCapacity outside 1-999 or on only
 * some overrides; DesiredCapacityType beyond its three values, or `vcpu` / `memory-mib` without a
 * mixed instances policy (AWS takes them for attribute-based instance type selection only). The fake
 * stands overrides naming instance types in for what attribute-based selection would choose, so
 * each must be a type it knows the size of; weights together with vcpu/memory-mib are refused too.
 */
export function checkWeights(name: string, desiredCapacityType: DesiredCapacityType | undefined, overrides: readonly Override[] | undefined): void {
  if (desiredCapacityType !== undefined && !['units', 'vcpu', 'memory-mib'].includes(desiredCapacityType)) {
    throw new Error(`fake-aws: group ${name}: DesiredCapacityType must be units, vcpu or memory-mib`);
  }
  const weights = (overrides ?? []).map((o) => o.weightedCapacity);
  const weighted = weights.filter((weight) => weight !== undefined);
  if (weighted.length > 0 && weighted.length < weights.length) throw new Error(`fake-aws: group ${name}: WeightedCapacity must be set on every override or on none`);
  for (const weight of weighted) {
    if (!/^\d+$/.test(weight) || Number(weight) < 1 || Number(weight) > MAX_WEIGHT) throw new Error(`fake-aws: group ${name}: WeightedCapacity '${weight}' is not a whole number from 1 to ${MAX_WEIGHT}`);
  }
  if (desiredCapacityType !== 'vcpu' && desiredCapacityType !== 'memory-mib') return;
  if (!overrides?.length) throw new Error(`fake-aws: group ${name}: DesiredCapacityType ${desiredCapacityType} needs a mixed instances policy with overrides`);
  if (weighted.length > 0) throw new Error(`fake-aws: group ${name}: WeightedCapacity and DesiredCapacityType ${desiredCapacityType} together`);
  const unknown = overrides.find((o) => !INSTANCE_SIZES[o.instanceType]);
  if (unknown) throw new Error(`fake-aws: group ${name}: no vCPU or memory size for ${unknown.instanceType} (local/fake-aws/instance-sizes.ts)`);
}
