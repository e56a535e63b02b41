import { evaluateFleet } from '../../lambda/policy/evaluate-fleet';
import { staleLaunches } from '../../lambda/policy/stale-launches';
import { CURRENT_AMI, makeFleet, makeImage, makePolicy, NOW } from '../factories';

const OLD_AMI = 'ami-old';

describe('staleLaunches', () => {
  it.each([
    ['launches the AMI its instances are too old for', { createdDaysAgo: 120 }, { amiMaxAgeDays: 90 }, ['ami-age']],
    ['launches a deprecated AMI', { deprecatedDaysAgo: 2 }, {}, ['ami-deprecated']],
    ['launches an AMI the invocation blocks', {}, { blockedAmiIds: [OLD_AMI] }, ['ami-blocked']],
  ])('names a group that %s', (_title, image, policy, reasons) => {
    const snapshot = makeFleet([{ group: { launchImageId: OLD_AMI }, instances: [{ id: 'i-1', ageDays: 3, imageId: OLD_AMI }] }], {
      images: [makeImage({ id: OLD_AMI, ...image })],
    });

    expect(staleLaunches(evaluateFleet(snapshot, makePolicy(policy), NOW))).toEqual([{ group: 'web', imageId: OLD_AMI, reasons }]);
  });

  it('names nobody when the group already launches a newer AMI: rotation fixes it', () => {
    const snapshot = makeFleet([{ group: { launchImageId: CURRENT_AMI }, instances: [{ id: 'i-1', ageDays: 3, imageId: OLD_AMI }] }], {
      images: [makeImage({ id: OLD_AMI, deprecatedDaysAgo: 2 }), makeImage()],
    });

    expect(staleLaunches(evaluateFleet(snapshot, makePolicy(), NOW))).toEqual([]);
  });

  it('names nobody for instances due only by age: a fresh replacement fixes that', () => {
    const snapshot = makeFleet([{ group: {}, instances: [{ id: 'i-1', ageDays: 40 }] }]);

    expect(staleLaunches(evaluateFleet(snapshot, makePolicy(), NOW))).toEqual([]);
  });

  it('checks mixed-instances overrides too', () => {
    const snapshot = makeFleet(
      [{ group: { imageIdByInstanceType: { 'm7g.large': OLD_AMI } }, instances: [{ id: 'i-1', ageDays: 3, imageId: OLD_AMI, instanceType: 'm7g.large' }] }],
      { images: [makeImage({ id: OLD_AMI, deprecatedDaysAgo: 1 }), makeImage()] },
    );

    expect(staleLaunches(evaluateFleet(snapshot, makePolicy(), NOW))).toEqual([{ group: 'web', imageId: OLD_AMI, reasons: ['ami-deprecated'] }]);
  });
});
