import { answer, type ReasonRule } from './rule';

// The run's list, as a set built once per list: a lookup per instance instead of a scan of every target.
const targetSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function targetSet(instanceIds: readonly string[]): ReadonlySet<string> {
  let set = targetSets.get(instanceIds);
  if (!set) {
    set = new Set(instanceIds);
    targetSets.set(instanceIds, set);
  }
  return set;
}

/** The instance is named in the invocation's `instanceIds`. */
export const targetedRule: ReasonRule = {
  code: 'targeted',
  evaluate: ({ instance, policy }) => answer(targetSet(policy.targetedInstanceIds).has(instance.instanceId)),
};
