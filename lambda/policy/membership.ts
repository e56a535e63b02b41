import type { GroupSnapshot, InstanceSnapshot } from '../model/fleet';
import { TAG } from './tag-keys';

// The tag's key read once, not for each instance: run from the sources (tsx, as the bench does), every read of
// another module's export is a getter call.
const GROUP_NAME_TAG = TAG.autoScalingGroupName;

/** Notes one group's members as the group is judged: each with its instance as EC2 described it (undefined when not). */
export type NoteMember = (instanceId: string, instance: InstanceSnapshot | undefined) => void;

/**
 * Which instances the groups list. Membership is what the groups list, not the `aws:autoscaling:groupName` tag, which a
 * detached instance keeps: the tag only says which group to ask. Each group's IDs are kept in a set of their own, as a
 * lookup in one set of every member of a 100,000-instance fleet misses the CPU's caches and costs several times more.
 * Members whose instance does not carry their group's name (or that EC2 did not describe) are kept apart, so that
 * asking by the tag misses none.
 */
export class Membership {
  readonly #byGroup = new Map<string, Set<string>>();
  readonly #unnamed = new Set<string>();
  readonly #noted = new Set<GroupSnapshot>();

  /** Where to note the group's members, while its instances are looked up anyway. */
  noteFor(group: GroupSnapshot): NoteMember {
    this.#noted.add(group);
    let ids = this.#byGroup.get(group.name);
    if (!ids) {
      ids = new Set();
      this.#byGroup.set(group.name, ids);
    }
    const listed = ids;
    return (instanceId, instance) => {
      listed.add(instanceId);
      if (instance?.tags[GROUP_NAME_TAG] !== group.name) this.#unnamed.add(instanceId);
    };
  }

  /** Notes the members of the groups not noted yet (those not judged), looking their instances up. */
  noteTheRest(groups: readonly GroupSnapshot[], instances: ReadonlyMap<string, InstanceSnapshot>): void {
    for (const group of groups) {
      if (this.#noted.has(group)) continue;
      const note = this.noteFor(group);
      for (const member of group.members) note(member.instanceId, instances.get(member.instanceId));
    }
  }

  /** Whether some group lists the instance with this ID (`instance` is its description, when EC2 has one). */
  lists(instanceId: string, instance: InstanceSnapshot | undefined): boolean {
    const named = instance?.tags[GROUP_NAME_TAG];
    return (named !== undefined && this.#byGroup.get(named)?.has(instanceId) === true) || this.#unnamed.has(instanceId);
  }
}
