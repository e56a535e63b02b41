import type { SurgeProofCheck } from '../../lambda/model/fleet';
import { readSurgeRecord } from '../../lambda/policy/surge-record';
import { formatSurgeState } from '../../lambda/policy/surge-state';
import { makeFleet, makePolicy, NOW, planFor } from '../factories';

const ARN = 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:8e2e3a1f-1234-4d9e-9e43-1f0e2a2b7c3d:autoScalingGroupName/web';

/** A record consistent in every field: desired = the group's, added=1, a due member, started 10 minutes ago. */
const CONSISTENT = formatSurgeState({ startedAt: NOW - 10 * 60_000, desiredCapacity: 3, added: 1, addedUnits: 1, instanceIds: ['i-due'] });

const fleetWith = (surgeProof: SurgeProofCheck | undefined, record = CONSISTENT) =>
  makeFleet([
    {
      group: { name: 'web', desired: 3, tags: { 'instance-reaper:surge-state': record }, surgeProof },
      // i-3 is the instance the surge launched, five minutes after it started.
      instances: [{ id: 'i-due', ageDays: 40 }, { id: 'i-2', ageDays: 2 }, { id: 'i-3', ageDays: 5 / (24 * 60) }],
    },
  ]);

const recordOf = (surgeProof: SurgeProofCheck | undefined, record?: string) => {
  const snapshot = fleetWith(surgeProof, record);
  // The factory gives a tagged group a valid proof unless told otherwise: here "never checked" is no check at all.
  const group = { ...snapshot.groups[0]!, arn: ARN, surgeProof };
  return readSurgeRecord(group, snapshot, NOW);
};

describe('readSurgeRecord: the proof of authorship', () => {
  it('accepts a consistent record whose proof verified, bound to the group\'s ARN', () => {
    expect(recordOf({ verdict: 'valid' })).toEqual(expect.objectContaining({ state: expect.objectContaining({ instanceIds: ['i-due'] }), groupArn: ARN }));
  });

  it.each<[string, Extract<SurgeProofCheck, { verdict: 'invalid' }>]>([
    ['written by hand (no proof)', { verdict: 'invalid', why: 'it carries no instance-reaper:surge-proof tag' }],
    ['edited or copied (the MAC does not verify)', { verdict: 'invalid', why: 'its instance-reaper:surge-proof tag does not verify for this group and this record' }],
  ])('refuses a record consistent in every field but %s: not written by a run of the reaper', (_title, check) => {
    expect(recordOf(check)).toEqual({ error: expect.stringMatching(new RegExp(`was not written by a run of the reaper: ${check.why}\\. Delete the tags instance-reaper:surge-state and instance-reaper:surge-proof`)) });
  });

  it.each<[string, SurgeProofCheck | undefined, RegExp]>([
    ['VerifyMac failed (throttled past retries, AccessDenied)', { verdict: 'unverified', why: 'VerifyMac failed: AccessDeniedException: no' }, /could not be verified as written by a run of the reaper: VerifyMac failed: AccessDeniedException: no; the group is held until it can be/],
    ['the proof was never checked', undefined, /could not be verified .*its proof was not checked/],
  ])('holds the group, and says so, when %s: a failed read is never a verdict', (_title, check, message) => {
    expect(recordOf(check)).toEqual({ error: expect.stringMatching(message) });
  });

  it('names every reason when the fields give it away too', () => {
    const inconsistent = formatSurgeState({ startedAt: NOW - 10 * 60_000, desiredCapacity: 3, added: 2, addedUnits: 2, instanceIds: ['i-due'] });

    const refused = recordOf({ verdict: 'invalid', why: 'it carries no instance-reaper:surge-proof tag' }, inconsistent);

    expect(refused).toEqual({ error: expect.stringContaining('it lists 1 instance(s) but added=2; it carries no instance-reaper:surge-proof tag') });
  });
});

describe('a refused record, in the plan', () => {
  it.each<[string, SurgeProofCheck]>([
    ['without a valid proof', { verdict: 'invalid', why: 'it carries no instance-reaper:surge-proof tag' }],
    ['whose proof could not be read', { verdict: 'unverified', why: 'VerifyMac failed: ThrottlingException: slow down' }],
  ])('leaves the group alone %s: nothing terminated, no surge step, the group in errors', (_title, check) => {
    const { plan } = planFor(fleetWith(check), makePolicy({ maxTerminations: 5 }));

    expect(plan.terminations).toEqual([]);
    expect(plan.surgeSteps).toEqual([]);
    expect(plan.deferred).toEqual([]);
    expect(plan.errors).toEqual([{ group: 'web', code: 'state-refused', message: expect.stringMatching(/instance-reaper:surge-state.*group left alone this run$/) }]);
  });

  it('with a valid proof, completes the surge it records', () => {
    const { plan } = planFor(fleetWith({ verdict: 'valid' }));

    expect(plan.surgeSteps).toEqual([expect.objectContaining({ group: 'web', action: 'completed', instanceIds: ['i-due'] })]);
  });
});
