import { gatesFor, makeFleet, makeImage, makePolicy, planFor, type GroupSpec } from '../factories';

/** A group of two whose older instance is due; the group launches `launch`. */
const fleetLaunching = (group: GroupSpec, images = [makeImage()]) =>
  makeFleet([{ group: { name: 'web', desired: 2, ...group }, instances: [{ id: 'i-old', ageDays: 40, imageId: 'ami-gone' }, { id: 'i-2', ageDays: 1 }] }], { images });

describe('buildPlan: a group that cannot launch a replacement loses nothing', () => {
  it.each<[string, GroupSpec, ReturnType<typeof makeImage>[], string]>([
    ['launches a deregistered AMI', { launchImageId: 'ami-gone' }, [makeImage(), makeImage({ id: 'ami-gone', state: 'deregistered' })], 'ami-gone, is deregistered'],
    ['launches an AMI EC2 no longer knows', { launchImageId: 'ami-gone' }, [makeImage(), makeImage({ id: 'ami-gone', state: 'missing' })], 'ami-gone, is missing'],
    ['launches a disabled AMI', { launchImageId: 'ami-off' }, [makeImage(), makeImage({ id: 'ami-off', state: 'disabled' })], 'ami-off, is disabled'],
    ['launches an available AMI the account\'s Allowed AMIs settings exclude', { launchImageId: 'ami-vendor' }, [makeImage(), { ...makeImage({ id: 'ami-vendor' }), allowed: false }], 'ami-vendor, is not allowed'],
    ['a mixed-instances override launches a deregistered AMI', { imageIdByInstanceType: { 'm5.large': 'ami-gone' } }, [makeImage(), makeImage({ id: 'ami-gone', state: 'deregistered' })], 'ami-gone'],
    ['what it launches could not be resolved', { launchImageId: null }, [makeImage()], 'could not be resolved'],
  ])('%s: its instances wait cannot-replace, and the group is reported', (_title, group, images, message) => {
    const { plan } = planFor(fleetLaunching(group, images));

    expect(plan.terminations).toEqual([]);
    expect(plan.deferred).toEqual(expect.arrayContaining([expect.objectContaining({ instanceId: 'i-old', why: 'cannot-replace' })]));
    expect(new Set(plan.deferred.map((entry) => entry.why))).toEqual(new Set(['cannot-replace']));
    expect(plan.errors).toEqual([{ group: 'web', code: 'cannot-replace', message: expect.stringContaining(message) }]);
  });

  it('its latest launch failed (from its scaling activities): the same', () => {
    const snapshot = fleetLaunching({});
    const { plan } = planFor(snapshot, makePolicy(), { gates: gatesFor(snapshot, { web: { cannotReplace: { code: 'cannot-replace', why: "its latest launch failed: The image id '[ami-x]' does not exist" } } }) });

    expect(plan.deferred).toEqual([expect.objectContaining({ instanceId: 'i-old', why: 'cannot-replace' })]);
    expect(plan.errors).toEqual([{ group: 'web', code: 'cannot-replace', message: expect.stringContaining("The image id '[ami-x]' does not exist") }]);
  });

  it('comes after processes-suspended and before group-unstable in the order of precedence', () => {
    const suspended = fleetLaunching({ launchImageId: null, suspended: ['Launch'] });
    expect(planFor(suspended).plan.deferred.map((entry) => entry.why)).toEqual(['processes-suspended']);
    const unstable = fleetLaunching({ launchImageId: null });
    expect(planFor(unstable, makePolicy(), { gates: gatesFor(unstable, { web: { instanceRefreshActive: true } }) }).plan.deferred.map((entry) => entry.why)).toEqual(['cannot-replace']);
  });

  it('holds a group of one before any capacity is added: no surge starts into a group that cannot launch', () => {
    const snapshot = makeFleet([{ group: { name: 'solo', desired: 1, max: 2, launchImageId: 'ami-gone' }, instances: [{ id: 'i-1', ageDays: 40 }] }], {
      images: [makeImage(), makeImage({ id: 'ami-gone', state: 'deregistered' })],
    });
    const { plan } = planFor(snapshot);
    expect(plan.surgeSteps).toEqual([]);
    expect(plan.deferred.map((entry) => entry.why)).toEqual(['cannot-replace']);
  });

  it('a deprecated AMI still launches: deprecation is no reason to hold', () => {
    const { plan } = planFor(fleetLaunching({ launchImageId: 'ami-old' }, [makeImage(), makeImage({ id: 'ami-old', deprecatedDaysAgo: 3 })]));
    expect(plan.terminations.map((entry) => entry.instanceId)).toEqual(['i-old']);
  });

  it('other groups go on', () => {
    const snapshot = makeFleet(
      [
        { group: { name: 'web', desired: 2, launchImageId: 'ami-gone' }, instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-2' }] },
        { group: { name: 'api', desired: 2 }, instances: [{ id: 'i-api', ageDays: 40 }, { id: 'i-3' }] },
      ],
      { images: [makeImage(), makeImage({ id: 'ami-gone', state: 'deregistered' })] },
    );
    expect(planFor(snapshot).plan.terminations.map((entry) => entry.instanceId)).toEqual(['i-api']);
  });
});

describe('buildPlan: reads that fail are reported', () => {
  it('a failed gate read holds the group and lands in errors for it', () => {
    const snapshot = fleetLaunching({});
    const gates = gatesFor(snapshot, { web: { unhealthyTargets: ['i-old', 'i-2'], readFailures: [{ code: 'read-denied', message: 'target health of arn:tg could not be read: AccessDenied' }] } });
    const { plan } = planFor(snapshot, makePolicy(), { gates });

    expect(plan.deferred.map((entry) => entry.why)).toEqual(['targets-unhealthy']);
    expect(plan.errors).toEqual([{ group: 'web', code: 'read-denied', message: expect.stringContaining('AccessDenied') }]);
  });
});
