import { weightOf } from './group-weights';
import { firstLaunch } from './instances';
import { findTemplate, findVersion } from './launch-source';
import type { AccountState, GroupRecord, InstanceRecord, TemplateRef } from './state';
import { countByZone } from './zones';

/*
 * Which instances a group removes when it is over its desired capacity, the way AWS's Default
 * termination policy chooses (Amazon EC2 Auto Scaling User Guide, "Configure termination policies
 * for Amazon EC2 Auto Scaling"):
 *  1. zone balance first: only the zones holding the most instances that have an unprotected one;
 *  2. the oldest configuration: launch configuration before launch template, another template
 *     before the current one, then the oldest version of the current template (for groups on a
 *     launch configuration, the oldest launch configuration);
 *  3. AWS then takes the instance closest to its next billing hour, at random among equals. The
 *     fake takes the one first launched longest ago: for a caller that just added a fresh instance
 *     to replace an old one, AWS's choice is as bad as this at worst.
 * Protected instances are never chosen. The choice is made one instance at a time, as AWS does.
 * Weighted groups count the excess in units and keep at least their desired units: AWS documents
 * that with weights "current capacity will either be at the desired capacity or above it", so
 * only an instance no heavier than what is still over may go (how AWS picks among those is not
 * documented; the fake applies the same order to them).
 */

/** Configuration age, lower first; then first launch. */
type Rank = readonly [number, number, number];

const compareRanks = (a: Rank, b: Rank): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The template a group launches an instance of this type from now (mixed groups: the override's own, if any). */
function currentTemplate(group: GroupRecord, instanceType: string): TemplateRef | undefined {
  const mixed = group.mixedInstancesPolicy;
  if (!mixed) return group.launchTemplate;
  return mixed.overrides.find((override) => override.instanceType === instanceType)?.launchTemplate ?? mixed.launchTemplate;
}

function versionNumber(state: AccountState, ref: TemplateRef): number {
  const template = findTemplate(state, ref);
  const version = template ? findVersion(template, ref.version) : undefined;
  return version?.number ?? Number.MAX_SAFE_INTEGER;
}

/** Lower goes first: [kind, age within the kind]. */
function configurationAge(state: AccountState, group: GroupRecord, instance: InstanceRecord): [number, number] {
  const current = currentTemplate(group, instance.instanceType);
  if (current) {
    if (instance.launchConfigurationName) return [0, 0];
    if (!instance.launchTemplate) return [3, 0];
    if (findTemplate(state, instance.launchTemplate)?.id !== findTemplate(state, current)?.id) return [1, 0];
    return [2, versionNumber(state, instance.launchTemplate)];
  }
  const configuration = instance.launchConfigurationName ? state.launchConfigurations[instance.launchConfigurationName] : undefined;
  if (!configuration) return [instance.launchTemplate ? 0 : 2, 0];
  return [configuration.name === group.launchConfigurationName ? 1 : 0, configuration.createdAt];
}

function chooseOne(state: AccountState, group: GroupRecord, remaining: readonly InstanceRecord[], maxWeight: number): InstanceRecord | undefined {
  const perZone = countByZone(remaining);
  const unprotected = remaining.filter((instance) => !instance.protectedFromScaleIn && weightOf(group, instance) <= maxWeight);
  const most = Math.max(...unprotected.map((instance) => perZone.get(instance.availabilityZone) ?? 0));
  let chosen: { instance: InstanceRecord; rank: Rank } | undefined;
  for (const instance of unprotected) {
    if ((perZone.get(instance.availabilityZone) ?? 0) !== most) continue;
    const rank: Rank = [...configurationAge(state, group, instance), firstLaunch(instance)];
    const order = chosen ? compareRanks(rank, chosen.rank) || instance.instanceId.localeCompare(chosen.instance.instanceId) : -1;
    if (order < 0) chosen = { instance, rank };
  }
  return chosen?.instance;
}

/** Instances of `counted` (the members filling capacity) adding up to at most `excess` units, in the order AWS would take them. */
export function chooseForScaleIn(state: AccountState, group: GroupRecord, counted: readonly InstanceRecord[], excess: number): InstanceRecord[] {
  const remaining = [...counted];
  const chosen: InstanceRecord[] = [];
  for (let left = excess; left > 0; ) {
    const next = chooseOne(state, group, remaining, left);
    if (!next) break;
    chosen.push(next);
    remaining.splice(remaining.indexOf(next), 1);
    left -= weightOf(group, next);
  }
  return chosen;
}
