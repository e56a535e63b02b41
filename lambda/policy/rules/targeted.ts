import { answer, type ReasonRule } from './rule';

// The run's list as a set, built once per list: a lookup per instance instead of a scan of every target. Every instance
// of a run asks about the same list, so the last one asked about is all there is to remember.
let lastTargets: { readonly instanceIds: readonly string[]; readonly set: ReadonlySet<string> } | undefined;

function targetSet(instanceIds: readonly string[]): ReadonlySet<string> {
  if (lastTargets?.instanceIds !== instanceIds) lastTargets = { instanceIds, set: new Set(instanceIds) };
  return lastTargets.set;
}

/** The instance is named in the invocation's `instanceIds`. */
export const targetedRule: ReasonRule = {
  code: 'targeted',
  evaluate: ({ instance, policy }) => answer(targetSet(policy.targetedInstanceIds).has(instance.instanceId)),
};
