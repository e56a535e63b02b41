import { answer, type ReasonRule } from './rule';

/** Strictly older than its lifetime, counted from its first launch. */
export const maxAgeRule: ReasonRule = {
  code: 'max-age',
  evaluate: ({ firstLaunch, lifetimeMs, now }) =>
    firstLaunch === undefined ? 'not-applicable' : answer(now - firstLaunch > lifetimeMs),
};
