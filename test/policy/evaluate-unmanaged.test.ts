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

  // Membership is asked by the instance's group tag first: a member whose tag names no group, or another one, is a member all the same.
  it.each<[string, Record<string, string> | undefined]>([
    ['untagged', undefined],
    ['tagged with its own group', { 'aws:autoscaling:groupName': 'web' }],
    ['tagged with another group of the run', { 'aws:autoscaling:groupName': 'api' }],
    ['tagged with a group the run does not know', { 'aws:autoscaling:groupName': 'gone' }],
  ])('a member of a group is not unmanaged, %s', (_title, tags) => {
    const snapshot = makeFleet([
      { group: { name: 'web' }, instances: [{ id: 'i-old', ageDays: 40, tags }] },
      { group: { name: 'api' }, instances: [{ id: 'i-api', ageDays: 1, tags: { 'aws:autoscaling:groupName': 'api' } }] },
    ]);
    expect(evaluateFleet(snapshot, makePolicy(), NOW).unmanaged).toEqual([]);
  });

  it('a member of a group left alone for a malformed tag is not unmanaged', () => {
    const snapshot = makeFleet([{ group: { tags: { 'instance-reaper:max-age-days': 'soon' } }, instances: [{ id: 'i-old', ageDays: 40 }] }]);
    const evaluation = evaluateFleet(snapshot, makePolicy({ targetedInstanceIds: ['i-old'] }), NOW);
    expect(evaluation.unmanaged).toEqual([]);
    expect(evaluation.errors.map((error) => error.instanceId)).not.toContain('i-old');
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
