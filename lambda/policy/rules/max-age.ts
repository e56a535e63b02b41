import { answer, type ReasonRule } from './rule';

/** Strictly older than its lifetime, counted from its first launch. A lifetime of 0 makes every instance due. */
export const maxAgeRule: ReasonRule = {
  code: 'max-age',
  evaluate: ({ firstLaunch, lifetimeMs, now }) => {
    if (lifetimeMs <= 0) return 'applies';
    return firstLaunch === undefined ? 'not-applicable' : answer(now - firstLaunch > lifetimeMs);
  },
};
