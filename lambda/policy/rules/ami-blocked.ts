import { answer, type ReasonRule } from './rule';

/** The AMI is named in the invocation's `amiIds` or the blocked-AMIs parameter. */
export const amiBlockedRule: ReasonRule = {
  code: 'ami-blocked',
  evaluate: ({ instance, blockedAmiIds }) =>
    instance.imageId === undefined ? 'not-applicable' : answer(blockedAmiIds.has(instance.imageId)),
};
