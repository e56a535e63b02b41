import type { FleetSnapshot } from '../../lambda/model/fleet';
import { evaluateFleet } from '../../lambda/policy/evaluate-fleet';
import { makeFleet, makeImage, makeInstance, makePolicy, NOW, type InstanceSpec } from '../factories';

describe('evaluateFleet: unmanaged instances', () => {
  const loose = (spec: InstanceSpec) => makeInstance({ ageDays: 40, ...spec });
  const withLoose = (instances: InstanceSpec[], limitedToGroups = false): FleetSnapshot =>
    makeFleet([{ group: {}, instances: [{ id: 'i-member', ageDays: 1 }] }], { instances: instances.map(loose), limitedToGroups });

  it.each<[string, InstanceSpec, boolean]>([
    ['running and 40 days old: reported', { id: 'i-9', state: 'running' }, true],
    ['stopped and 40 days old: reported', { id: 'i-9', state: 'stopped' }, true],
    ['pending: not judged', { id: 'i-9', state: 'pending' }, false],
    ['stopping: not judged', { id: 'i-9', state: 'stopping' }, false],
    ['detached: still tagged aws:autoscaling:groupName, but no group lists it: reported', { id: 'i-9', tags: { 'aws:autoscaling:groupName': 'web' } }, true],
    ['running and 1 day old: not due', { id: 'i-9', ageDays: 1 }, false],
  ])('%s', (_title, instance, reported) => {
    const evaluation = evaluateFleet(withLoose([instance]), makePolicy(), NOW);
    expect(evaluation.unmanaged.map((due) => due.instanceId)).toEqual(reported ? ['i-9'] : []);
  });

  it('a warm-pool instance (tagged with its group, listed by no group) is not unmanaged', () => {
    const snapshot = makeFleet([{ group: {}, instances: [{ id: 'i-member', ageDays: 1 }] }], {
      instances: [loose({ id: 'i-warm', state: 'stopped', tags: { 'aws:autoscaling:groupName': 'web' } })],
      warmPoolInstanceIds: ['i-warm'],
    });
    expect(evaluateFleet(snapshot, makePolicy(), NOW).unmanaged).toEqual([]);
  });

  it('is not reported when the run is limited to named groups', () => {
    const evaluation = evaluateFleet(withLoose([{ id: 'i-9' }], true), makePolicy(), NOW);
    expect(evaluation.unmanaged).toEqual([]);
    expect(evaluation.scannedInstances).toBe(1);
  });

  it('is judged by the run lifetime and AMI rules, never by group drift', () => {
    const snapshot = withLoose([{ id: 'i-9', ageDays: 12, imageId: 'ami-old' }]);
    const withImage = { ...snapshot, images: new Map([...snapshot.images, ['ami-old', makeImage({ id: 'ami-old', state: 'deregistered' })]]) };
    const evaluation = evaluateFleet(withImage, makePolicy({ maxAgeDaysOverride: 10 }), NOW);
    expect(evaluation.unmanaged).toEqual([expect.objectContaining({ instanceId: 'i-9', reasons: ['max-age', 'ami-missing'] })]);
  });

  it('counts group members and judged unmanaged instances as scanned', () => {
    const evaluation = evaluateFleet(withLoose([{ id: 'i-8', ageDays: 1 }, { id: 'i-9', state: 'pending' }]), makePolicy(), NOW);
    expect(evaluation.scannedInstances).toBe(2);
  });
});
