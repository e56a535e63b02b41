import { formatSurgeState } from '../../lambda/policy/surge-state';
import { gatesFor, makeFleet, makePolicy, NOW, planFor } from '../factories';

/** A surge that added one instance for `i-old` ten minutes ago, now serving: ready to finish. */
const readySurge = (extraTags: Record<string, string> = {}) => ({
  group: {
    name: 'solo',
    desired: 2,
    min: 1,
    max: 2,
    tags: { 'instance-reaper:surge-state': formatSurgeState({ startedAt: NOW - 10 * 60_000, desiredCapacity: 2, added: 1, addedUnits: 1, instanceIds: ['i-old'] }), ...extraTags },
  },
  instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-new', ageDays: 0.005 }],
});

describe('buildPlan with a surge under way', () => {
  it('gives a run budget of 1 to an emergency instance before a routine instance whose surge is ready to finish', () => {
    const snapshot = makeFleet([readySurge(), { group: { name: 'api', desired: 2 }, instances: [{ id: 'i-target', ageDays: 2 }, { id: 'i-a2', ageDays: 1 }] }]);

    const { plan } = planFor(snapshot, makePolicy({ targetedInstanceIds: ['i-target'], maxTerminations: 1 }));

    expect(plan.terminations.map((entry) => entry.instanceId)).toEqual(['i-target']);
    expect(plan.deferred).toEqual(expect.arrayContaining([expect.objectContaining({ instanceId: 'i-old', why: 'run-budget' })]));
    expect(plan.surgeSteps).toEqual([]);
  });

  it('gives a run budget of 1 to an older routine instance before a ready surge for a younger one', () => {
    const snapshot = makeFleet([readySurge(), { group: { name: 'api', desired: 2 }, instances: [{ id: 'i-older', ageDays: 50 }, { id: 'i-a2', ageDays: 1 }] }]);

    const { plan } = planFor(snapshot, makePolicy({ maxTerminations: 1 }));

    expect(plan.terminations.map((entry) => entry.instanceId)).toEqual(['i-older']);
  });

  it('writes nothing to a group tagged exempt while its surge is under way, and defers its instances as exempt', () => {
    const snapshot = makeFleet([readySurge({ 'instance-reaper:exempt': 'true' })]);

    const { plan } = planFor(snapshot);

    expect(plan.terminations).toEqual([]);
    expect(plan.surgeSteps).toEqual([]);
    expect(plan.deferred).toEqual([expect.objectContaining({ instanceId: 'i-old', why: 'exempt' })]);
  });
});

describe('buildPlan with an alarm that does not exist', () => {
  it('holds the group (alarm) and reports the alarm in errors for that group', () => {
    const snapshot = makeFleet([{ group: { name: 'web', desired: 2 }, instances: [{ id: 'i-1', ageDays: 40 }, { id: 'i-2', ageDays: 1 }] }]);

    const { plan } = planFor(snapshot, makePolicy(), { gates: gatesFor(snapshot, { web: { alarmsHolding: ['web-5xx-typo'], alarmsUnknown: ['web-5xx-typo'] } }) });

    expect(plan.deferred).toEqual([expect.objectContaining({ instanceId: 'i-1', why: 'alarm' })]);
    expect(plan.errors).toEqual([{ group: 'web', code: 'alarm-unknown', message: expect.stringContaining('alarm web-5xx-typo does not exist') }]);
  });
});
