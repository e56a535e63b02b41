import type { Freshness } from '../../lambda/policy/evaluation';
import { evaluateFleet } from '../../lambda/policy/evaluate-fleet';
import { fleetFreshness, freshnessFigures } from '../../lambda/report/freshness-metrics';
import { DAY, makeFleet, makeImage, makePolicy, NOW } from '../factories';

describe('freshnessFigures', () => {
  it.each<[string, Freshness, ReturnType<typeof freshnessFigures>]>([
    [
      'an empty fleet is 100% within policy',
      { instances: 0, oldestAgeMs: 0, pastLifetime: 0, onStaleAmi: 0, due: 0 },
      { oldestInstanceAgeDays: 0, instancesPastLifetime: 0, instancesOnStaleAmi: 0, fleetWithinPolicyPercent: 100 },
    ],
    [
      '1 due of 3: 66.67% within policy, age rounded to 2 decimals',
      { instances: 3, oldestAgeMs: 29.123456 * DAY, pastLifetime: 1, onStaleAmi: 0, due: 1 },
      { oldestInstanceAgeDays: 29.12, instancesPastLifetime: 1, instancesOnStaleAmi: 0, fleetWithinPolicyPercent: 66.67 },
    ],
    [
      'every instance due: 0% within policy',
      { instances: 4, oldestAgeMs: 90 * DAY, pastLifetime: 4, onStaleAmi: 2, due: 4 },
      { oldestInstanceAgeDays: 90, instancesPastLifetime: 4, instancesOnStaleAmi: 2, fleetWithinPolicyPercent: 0 },
    ],
  ])('%s', (_title, freshness, expected) => {
    expect(freshnessFigures(freshness)).toEqual(expected);
  });
});

describe('fleetFreshness', () => {
  it('adds the groups up and takes the oldest across them, leaving unmanaged instances out', () => {
    const snapshot = makeFleet(
      [
        { group: { name: 'web', launchImageId: 'ami-new' }, instances: [{ id: 'i-1', ageDays: 40, imageId: 'ami-new' }, { id: 'i-2', ageDays: 3 }] },
        { group: { name: 'api' }, instances: [{ id: 'i-3', ageDays: 70 }, { id: 'i-4', ageDays: 2 }, { id: 'i-5', ageDays: 1 }] },
      ],
      { images: [makeImage(), makeImage({ id: 'ami-new' })], instances: [{ instanceId: 'i-loose', state: 'running', launchTime: NOW - 400 * DAY, tags: {} }] },
    );
    const freshness = fleetFreshness(evaluateFleet(snapshot, makePolicy(), NOW));
    expect(freshness).toEqual({ instances: 5, oldestAgeMs: 70 * DAY, pastLifetime: 2, onStaleAmi: 1, due: 3 });
    expect(freshnessFigures(freshness).fleetWithinPolicyPercent).toBe(40);
  });
});
