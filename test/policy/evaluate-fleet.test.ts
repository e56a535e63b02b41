import type { ReasonCode } from '../../lambda/model/reasons';
import type { RunPolicy } from '../../lambda/model/run-policy';
import { evaluateFleet } from '../../lambda/policy/evaluate-fleet';
import type { FleetEvaluation } from '../../lambda/policy/evaluation';
import {
  CURRENT_AMI,
  DAY,
  makeFleet,
  makeGroup,
  makeImage,
  makeInstance,
  makePolicy,
  makeSnapshot,
  NOW,
  SECOND,
  type InstanceSpec,
} from '../factories';

const MAX_AGE_TAG = 'instance-reaper:max-age-days';
const ROTATE_TAG = 'instance-reaper:rotate-before';

function dueIn(evaluation: FleetEvaluation): Map<string, readonly ReasonCode[]> {
  const all = [...evaluation.groups.flatMap((group) => group.due), ...evaluation.unmanaged];
  return new Map(all.map((due) => [due.instanceId, due.reasons]));
}

/** Reasons of one instance in a one-group fleet; [] when not due. */
function reasonsOf(instance: InstanceSpec, policy: RunPolicy = makePolicy(), group: Parameters<typeof makeFleet>[0][number]['group'] = {}, extra = {}) {
  const evaluation = evaluateFleet(makeFleet([{ group, instances: [instance] }], extra), policy, NOW);
  expect(evaluation.errors).toEqual([]);
  return dueIn(evaluation).get(instance.id ?? 'i-1') ?? [];
}

describe('evaluateFleet: age from first launch', () => {
  it.each<[string, InstanceSpec, ReasonCode[]]>([
    ['exactly 28 days old: not due', { ageDays: 28 }, []],
    ['28 days and one second old: due', { ageDays: 28 + SECOND / DAY }, ['max-age']],
    ['stop/start: LaunchTime 2 days, ENI attached 40 days ago: due', { launchAgeDays: 2, eniAgeDays: 40, rootAgeDays: 2 }, ['max-age']],
    ['stop/start: LaunchTime 2 days, root volume attached 40 days ago: due', { launchAgeDays: 2, eniAgeDays: 2, rootAgeDays: 40 }, ['max-age']],
    ['stop/start: every witness 2 days old: not due', { launchAgeDays: 2, eniAgeDays: 2, rootAgeDays: 2 }, []],
  ])('%s', (_title, instance, expected) => {
    expect(reasonsOf(instance)).toEqual(expected);
  });

  it('reports age and lifetime from the earliest witness', () => {
    const evaluation = evaluateFleet(makeFleet([{ group: {}, instances: [{ id: 'i-1', launchAgeDays: 1, eniAgeDays: 35, rootAgeDays: 30 }] }]), makePolicy(), NOW);
    const due = evaluation.groups[0]?.due[0];
    expect(due?.ageMs).toBe(35 * DAY);
    expect(due?.lifetimeMs).toBe(28 * DAY);
  });
});

describe('evaluateFleet: lifetime precedence (event > tag > config)', () => {
  it.each<[string, Partial<RunPolicy>, Record<string, string>, number, boolean]>([
    ['config 28, 27 days old: not due', {}, {}, 27, false],
    ['config 28, 29 days old: due', {}, {}, 29, true],
    ['tag 20 over config 28, 21 days old: due', {}, { [MAX_AGE_TAG]: '20' }, 21, true],
    ['tag 40 over config 28, 35 days old: not due', {}, { [MAX_AGE_TAG]: '40' }, 35, false],
    ['event 10 over tag 40, 11 days old: due', { maxAgeDaysOverride: 10 }, { [MAX_AGE_TAG]: '40' }, 11, true],
    ['event 60 over tag 20, 30 days old: not due', { maxAgeDaysOverride: 60 }, { [MAX_AGE_TAG]: '20' }, 30, false],
    ['fractional tag 1.5, 2 days old: due', {}, { [MAX_AGE_TAG]: '1.5' }, 2, true],
  ])('%s', (_title, policy, tags, ageDays, due) => {
    expect(reasonsOf({ ageDays }, makePolicy(policy), { tags })).toEqual(due ? ['max-age'] : []);
  });

  it.each([
    ['an instance launched a minute ago', 1 / 1440],
    ['an instance launched this very moment', 0],
  ])('maxAgeDays 0 makes every instance due: %s', (_title, ageDays) => {
    expect(reasonsOf({ ageDays }, makePolicy({ maxAgeDaysOverride: 0 }))).toEqual(['max-age']);
  });

  it('maxAgeDays 0 as a group tag makes every instance of that group due', () => {
    expect(reasonsOf({ ageDays: 0.5 }, makePolicy(), { tags: { [MAX_AGE_TAG]: '0' } })).toEqual(['max-age']);
  });
});

describe('evaluateFleet: AMI reasons', () => {
  it.each<[string, InstanceSpec, Partial<RunPolicy>, Parameters<typeof makeImage>[0][], ReasonCode[]]>([
    ['ami-age: AMI 100 days old, limit 90: due', {}, { amiMaxAgeDays: 90 }, [{ createdDaysAgo: 100 }], ['ami-age']],
    ['ami-age: AMI 80 days old, limit 90: not due', {}, { amiMaxAgeDays: 90 }, [{ createdDaysAgo: 80 }], []],
    ['ami-age: AMI 900 days old, limit off: not due', {}, {}, [{ createdDaysAgo: 900 }], []],
    ['ami-deprecated: deprecated yesterday: due', {}, {}, [{ deprecatedDaysAgo: 1 }], ['ami-deprecated']],
    ['ami-deprecated: deprecation tomorrow: not due', {}, {}, [{ deprecatedDaysAgo: -1 }], []],
    ['ami-missing: state missing: due', {}, {}, [{ state: 'missing' }], ['ami-missing']],
    ['ami-missing: deregistered: due', {}, {}, [{ state: 'deregistered' }], ['ami-missing']],
    ['ami-missing: disabled: due', {}, {}, [{ state: 'disabled' }], ['ami-missing']],
    ['ami-missing: unknown image (absent from the map): not applicable, not due', {}, {}, [{ id: 'ami-other' }], []],
  ])('%s', (_title, instance, policy, images, expected) => {
    expect(reasonsOf(instance, makePolicy(policy), {}, { images: images.map(makeImage) })).toEqual(expected);
  });

  it.each<[string, InstanceSpec, Parameters<typeof makeGroup>[0], Partial<RunPolicy>, boolean]>([
    ['group launches ami-new, instance on ami-current: drift', {}, { launchImageId: 'ami-new' }, {}, true],
    ['group launches ami-current: no drift', {}, {}, {}, false],
    ['drift off: no drift', {}, { launchImageId: 'ami-new' }, { amiDrift: false }, false],
    ['launch AMI unresolved: not applicable, no drift', {}, { launchImageId: null }, {}, false],
    [
      'mixed instances: override for the member type matches: no drift',
      { imageId: 'ami-arm', instanceType: 'm7g.large' },
      { launchImageId: 'ami-x86', imageIdByInstanceType: { 'm7g.large': 'ami-arm' } },
      {},
      false,
    ],
    [
      'mixed instances: member type has an override, instance on the base AMI: drift',
      { imageId: 'ami-x86', instanceType: 'm7g.large' },
      { launchImageId: 'ami-x86', imageIdByInstanceType: { 'm7g.large': 'ami-arm' } },
      {},
      true,
    ],
    [
      'mixed instances: type without override uses the base AMI: no drift',
      { imageId: 'ami-x86', instanceType: 'c7i.large' },
      { launchImageId: 'ami-x86', imageIdByInstanceType: { 'm7g.large': 'ami-arm' } },
      {},
      false,
    ],
  ])('ami-drift: %s', (_title, instance, group, policy, drift) => {
    const images = [makeImage({ id: instance.imageId ?? CURRENT_AMI })];
    expect(reasonsOf(instance, makePolicy(policy), group ?? {}, { images })).toEqual(drift ? ['ami-drift'] : []);
  });

  it('ami-drift: the member type from the group wins over the instance type', () => {
    const snapshot = makeSnapshot({
      groups: [makeGroup({ launchImageId: 'ami-x86', imageIdByInstanceType: { 'm7g.large': 'ami-arm' }, members: [{ id: 'i-1', instanceType: 'm7g.large' }] })],
      instances: [makeInstance({ id: 'i-1', imageId: 'ami-arm' })],
      images: [makeImage({ id: 'ami-arm' })],
    });
    expect(dueIn(evaluateFleet(snapshot, makePolicy(), NOW)).has('i-1')).toBe(false);
  });

  it.each<[string, Partial<RunPolicy>, readonly string[], ReasonCode[]]>([
    ['named in the invocation amiIds: due', { blockedAmiIds: [CURRENT_AMI] }, [], ['ami-blocked']],
    ['listed in the blocked-AMIs parameter: due', {}, [CURRENT_AMI], ['ami-blocked']],
    ['another AMI blocked: not due', { blockedAmiIds: ['ami-other'] }, ['ami-other2'], []],
  ])('ami-blocked: %s', (_title, policy, blockedAmiIds, expected) => {
    expect(reasonsOf({}, makePolicy(policy), {}, { blockedAmiIds })).toEqual(expected);
  });
});

describe('evaluateFleet: emergency reasons', () => {
  it.each<[string, string[], ReasonCode[]]>([
    ['named in instanceIds: due and emergency', ['i-1'], ['targeted']],
    ['another instance named: not due', ['i-2'], []],
  ])('targeted: %s', (_title, targetedInstanceIds, expected) => {
    const snapshot = makeFleet([{ group: {}, instances: [{ id: 'i-1' }, { id: 'i-2' }] }]);
    const evaluation = evaluateFleet(snapshot, makePolicy({ targetedInstanceIds }), NOW);
    expect(dueIn(evaluation).get('i-1') ?? []).toEqual(expected);
    expect(evaluation.groups[0]?.due.every((due) => due.emergency)).toBe(true);
  });

  it('targeted: an instance that does not exist is reported in errors', () => {
    const evaluation = evaluateFleet(makeFleet([{ group: {}, instances: [{ id: 'i-1' }] }]), makePolicy({ targetedInstanceIds: ['i-gone'] }), NOW);
    expect(evaluation.errors).toEqual([{ instanceId: 'i-gone', code: 'not-found', message: expect.stringContaining('not found') }]);
  });

  it.each<[string, InstanceSpec, boolean, string | undefined]>([
    ['in a group out of scope', { id: 'i-9', tags: { 'aws:autoscaling:groupName': 'api' } }, true, 'in group api, which is not considered this run'],
    ['in no group, run limited to groups', { id: 'i-9' }, true, 'in no Auto Scaling group'],
    ['in no group, whole fleet: reported as unmanaged, no error', { id: 'i-9' }, false, undefined],
  ])('targeted: an instance %s', (_title, instance, limitedToGroups, message) => {
    const snapshot = makeFleet([{ group: {}, instances: [{ id: 'i-1' }] }], { instances: [makeInstance(instance)], limitedToGroups });
    const evaluation = evaluateFleet(snapshot, makePolicy({ targetedInstanceIds: ['i-9'] }), NOW);
    expect(evaluation.errors).toEqual(message === undefined ? [] : [{ instanceId: 'i-9', code: 'not-found', message: expect.stringContaining(message) }]);
    expect(evaluation.unmanaged.map((due) => [due.instanceId, due.reasons])).toEqual(message === undefined ? [['i-9', ['targeted']]] : []);
  });

  it.each<[string, string, number, boolean]>([
    ['first launched 10 days ago, rotate before 5 days ago: due', '2026-11-19T12:00:00Z', 10, true],
    ['first launched 1 day ago, rotate before 5 days ago: not due', '2026-11-19T12:00:00Z', 1, false],
    ['time without zone is read as UTC: launched one second before: due', '2026-11-23T12:00:00', 1 + SECOND / DAY, true],
    ['time without zone is read as UTC: launched one second after: not due', '2026-11-23T12:00:00', 1 - SECOND / DAY, false],
    ['date only, midnight UTC: launched 2 days ago: not due', '2026-11-22', 2, false],
    ['offset +01:00 honoured: launched 1 day ago, rotate before 12:00+01:00 today: due', '2026-11-24T12:00:00+01:00', 1, true],
  ])('rotation-requested: %s', (_title, tag, ageDays, due) => {
    const reasons = reasonsOf({ ageDays }, makePolicy(), { tags: { [ROTATE_TAG]: tag } });
    expect(reasons).toEqual(due ? ['rotation-requested'] : []);
  });

  it.each([
    ['a time in the future', '2026-11-25T00:00:00Z', 'in the future'],
    ['a malformed value', 'yesterday', 'ISO-8601'],
    ['an impossible date', '2026-13-45T00:00:00Z', 'not a valid time'],
  ])('rotation-requested: %s is an error and the group is left alone, others go on', (_title, tag, message) => {
    const snapshot = makeFleet([
      { group: { name: 'web', tags: { [ROTATE_TAG]: tag } }, instances: [{ id: 'i-1', ageDays: 40 }] },
      { group: { name: 'api' }, instances: [{ id: 'i-2', ageDays: 40 }] },
    ]);
    const evaluation = evaluateFleet(snapshot, makePolicy(), NOW);
    expect(evaluation.groups.map((group) => group.group.name)).toEqual(['api']);
    expect(evaluation.errors).toEqual([{ group: 'web', code: 'tag-malformed', message: expect.stringMatching(new RegExp(`${ROTATE_TAG}.*${message}`)) }]);
    expect([...dueIn(evaluation).keys()]).toEqual(['i-2']);
  });
});

describe('evaluateFleet: errors and exemptions', () => {
  it('carries the snapshot errors through', () => {
    const errors = [{ group: 'web', code: 'read-failed' as const, message: 'launch template unreadable' }];
    const evaluation = evaluateFleet(makeSnapshot({ errors }), makePolicy(), NOW);
    expect(evaluation.errors).toEqual(errors);
  });

  it('reports an InService member that EC2 did not describe, and skips a Pending one silently', () => {
    const snapshot = makeSnapshot({ groups: [makeGroup({ members: ['i-gone', { id: 'i-new', lifecycleState: 'Pending' }] })] });
    const evaluation = evaluateFleet(snapshot, makePolicy(), NOW);
    expect(evaluation.errors).toEqual([{ group: 'web', instanceId: 'i-gone', code: 'read-failed', message: expect.stringContaining('did not describe') }]);
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    [' True ', true],
    ['false', false],
    ['FALSE', false],
  ])('instance tag instance-reaper:exempt=%p marks the due instance exempt: %p', (value, exempt) => {
    const evaluation = evaluateFleet(makeFleet([{ group: {}, instances: [{ ageDays: 40, tags: { 'instance-reaper:exempt': value } }] }]), makePolicy(), NOW);
    expect(evaluation.groups[0]?.due[0]?.exempt).toBe(exempt);
    expect(evaluation.errors).toEqual([]);
  });

  it.each(['yes', '', '1'])('instance tag instance-reaper:exempt=%p does not parse: reported, and its whole group left alone; other groups go on', (value) => {
    const snapshot = makeFleet([
      { group: {}, instances: [{ id: 'i-1', ageDays: 40, tags: { 'instance-reaper:exempt': value } }, { id: 'i-2', ageDays: 40 }] },
      { group: { name: 'api' }, instances: [{ id: 'i-3', ageDays: 40 }] },
    ]);
    const evaluation = evaluateFleet(snapshot, makePolicy(), NOW);
    expect(evaluation.errors).toEqual([{ group: 'web', instanceId: 'i-1', code: 'tag-malformed', message: expect.stringContaining('group left alone') }]);
    expect(evaluation.groups.map((group) => group.group.name)).toEqual(['api']);
  });
});

describe('evaluateFleet: freshness', () => {
  it('counts instances, the oldest age, past lifetime, stale AMI and due per group', () => {
    const snapshot = makeFleet(
      [
        {
          group: { launchImageId: 'ami-new' },
          instances: [
            { id: 'i-old', ageDays: 50, imageId: 'ami-new' },
            { id: 'i-drift', ageDays: 3 },
            { id: 'i-both', ageDays: 30 },
            { id: 'i-fresh', ageDays: 2, imageId: 'ami-new' },
          ],
        },
      ],
      { images: [makeImage(), makeImage({ id: 'ami-new' })] },
    );
    const freshness = evaluateFleet(snapshot, makePolicy(), NOW).groups[0]?.freshness;
    expect(freshness).toEqual({ instances: 4, oldestAgeMs: 50 * DAY, pastLifetime: 2, onStaleAmi: 2, due: 3 });
  });

  it('an empty group has zero everything', () => {
    const freshness = evaluateFleet(makeSnapshot({ groups: [makeGroup()] }), makePolicy(), NOW).groups[0]?.freshness;
    expect(freshness).toEqual({ instances: 0, oldestAgeMs: 0, pastLifetime: 0, onStaleAmi: 0, due: 0 });
  });
});
