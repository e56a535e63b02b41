import { compareCandidates, type Candidate } from '../../lambda/plan/candidate';
import { evaluateFleet } from '../../lambda/policy/evaluate-fleet';
import { makeFleet, makePolicy, NOW } from '../factories';

function candidates(): Candidate[] {
  const snapshot = makeFleet([
    {
      group: {},
      instances: [
        { id: 'i-b', ageDays: 40 },
        { id: 'i-a', ageDays: 40 },
        { id: 'i-young-target', ageDays: 1 },
        { id: 'i-old', ageDays: 90 },
        { id: 'i-old-target', ageDays: 5 },
      ],
    },
  ]);
  const evaluation = evaluateFleet(snapshot, makePolicy({ targetedInstanceIds: ['i-young-target', 'i-old-target'] }), NOW);
  const group = evaluation.groups[0]!;
  return group.due.map((due) => ({ due, evaluation: group }));
}

describe('compareCandidates', () => {
  it('puts emergency reasons first, then the oldest, then the instance ID for equal ages', () => {
    const order = candidates().sort(compareCandidates).map((candidate) => candidate.due.instanceId);
    expect(order).toEqual(['i-old-target', 'i-young-target', 'i-old', 'i-a', 'i-b']);
  });

  it('gives the same order whatever order the instances came in', () => {
    const forward = candidates().sort(compareCandidates).map((candidate) => candidate.due.instanceId);
    const backward = candidates().reverse().sort(compareCandidates).map((candidate) => candidate.due.instanceId);
    expect(backward).toEqual(forward);
  });
});
