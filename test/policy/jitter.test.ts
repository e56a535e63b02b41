import { evaluateFleet } from '../../lambda/policy/evaluate-fleet';
import { jitteredLifetimeMs, jitterShare } from '../../lambda/policy/jitter';
import { DAY, makeFleet, makePolicy, NOW } from '../factories';

const ids = Array.from({ length: 1000 }, (_, index) => `i-${(0x0a1b2c3d4e5f + index * 7919).toString(16).padStart(17, '0')}`);
const LIFETIME = 28 * DAY;

describe('jitter', () => {
  it.each([0, 10, 50, 100])('shortens by at least 0 and at most %p percent, for every one of 1000 IDs', (percent) => {
    for (const id of ids) {
      const lifetime = jitteredLifetimeMs(LIFETIME, id, percent);
      expect(lifetime).toBeLessThanOrEqual(LIFETIME);
      expect(lifetime).toBeGreaterThanOrEqual(LIFETIME * (1 - percent / 100));
    }
  });

  it('jitter 0 leaves every lifetime exactly as configured', () => {
    expect(new Set(ids.map((id) => jitteredLifetimeMs(LIFETIME, id, 0)))).toEqual(new Set([LIFETIME]));
  });

  it('gives the same ID the same answer on every call', () => {
    expect(jitteredLifetimeMs(LIFETIME, 'i-0abc123', 20)).toBe(jitteredLifetimeMs(LIFETIME, 'i-0abc123', 20));
    expect(jitterShare('i-0abc123')).toBe(jitterShare('i-0abc123'));
  });

  it('gives different IDs different shares', () => {
    expect(jitterShare('i-0abc123')).not.toBe(jitterShare('i-0abc124'));
  });

  it('spreads a cohort over the whole range: every tenth of [0, 1) gets 5% to 15% of 1000 IDs', () => {
    const buckets = new Array<number>(10).fill(0);
    for (const id of ids) {
      const share = jitterShare(id);
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThan(1);
      buckets[Math.floor(share * 10)]! += 1;
    }
    for (const count of buckets) {
      expect(count).toBeGreaterThanOrEqual(50);
      expect(count).toBeLessThanOrEqual(150);
    }
  });

  it('makes a cohort launched together due on different days, none before lifetime - percent', () => {
    const instances = ids.slice(0, 200).map((id) => ({ id, ageDays: 26 }));
    const evaluation = evaluateFleet(makeFleet([{ group: {}, instances }]), makePolicy({ lifetimeJitterPercent: 20 }), NOW);
    const due = evaluation.groups[0]?.due ?? [];
    // 26 days is past 28 * (1 - 0.2 * share) when share > 0.357: roughly 64% of the cohort.
    expect(due.length).toBeGreaterThan(100);
    expect(due.length).toBeLessThan(160);
    for (const entry of due) {
      expect(entry.lifetimeMs).toBeGreaterThanOrEqual(28 * 0.8 * DAY);
      expect(entry.lifetimeMs).toBeLessThan(26 * DAY);
    }
  });
});
