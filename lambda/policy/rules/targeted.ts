import { answer, type ReasonRule } from './rule';

/** The instance is named in the invocation's `instanceIds`. */
export const targetedRule: ReasonRule = {
  code: 'targeted',
  evaluate: ({ instance, policy }) => answer(policy.targetedInstanceIds.includes(instance.instanceId)),
};
