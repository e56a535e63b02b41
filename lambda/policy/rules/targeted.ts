import { answer, type ReasonRule } from './rule';

/** The instance is named in the invocation's `instanceIds` (as a set when the run made one: a lookup, not a scan, per instance). */
export const targetedRule: ReasonRule = {
  code: 'targeted',
  evaluate: ({ instance, policy, targetedIds }) => answer(targetedIds ? targetedIds.has(instance.instanceId) : policy.targetedInstanceIds.includes(instance.instanceId)),
};
