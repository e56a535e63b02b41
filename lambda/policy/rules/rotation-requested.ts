import { answer, type ReasonRule } from './rule';

/** The group's `instance-reaper:rotate-before` time is after the instance's first launch. */
export const rotationRequestedRule: ReasonRule = {
  code: 'rotation-requested',
  evaluate: ({ rotateBefore, firstLaunch }) =>
    rotateBefore === undefined || firstLaunch === undefined ? 'not-applicable' : answer(firstLaunch < rotateBefore),
};
