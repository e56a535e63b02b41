import { addedInstances } from '../../lambda/plan/added-instances';
import { readSurgeRecord, type SurgeRecord } from '../../lambda/policy/surge-record';
import { formatSurgeState } from '../../lambda/policy/surge-state';
import { DAY, makeFleet, NOW, stableGates, type InstanceSpec } from '../factories';

const STARTED = NOW - 30 * 60_000;
/** The surge's timeout: what it launched, it launched by then. */
const LAUNCHED_BY = STARTED + 60 * 60_000;
const addedIds = (surge: SurgeRecord, launchedBy = LAUNCHED_BY) => addedInstances(surge, stableGates(), launchedBy).map((added) => added.instanceId);
const days = (ms: number) => ms / DAY;

/** A surge started 30 minutes ago for `i-old`, in a group whose other members are `others`. */
function surgeWith(others: readonly InstanceSpec[], extraMembers: readonly string[] = []): SurgeRecord {
  const record = formatSurgeState({ startedAt: STARTED, desiredCapacity: 1 + others.length + extraMembers.length, added: 1, addedUnits: 1, instanceIds: ['i-old'] });
  const instances = [{ id: 'i-old', ageDays: 40 }, ...others];
  const snapshot = makeFleet([{ group: { name: 'solo', tags: { 'instance-reaper:surge-state': record }, members: [...instances.map((instance) => instance.id ?? ''), ...extraMembers] }, instances }]);
  const surge = readSurgeRecord(snapshot.groups[0]!, snapshot, NOW);
  if (!surge || 'error' in surge) throw new Error(`no surge: ${JSON.stringify(surge)}`);
  return surge;
}

describe('addedInstances: only members first launched after the surge started count as added', () => {
  it.each<[string, boolean, InstanceSpec]>([
    ['launched after the start', true, { id: 'i-new', ageDays: days(NOW - (STARTED + 60_000)) }],
    ['launched exactly at the start', true, { id: 'i-new', ageDays: days(NOW - STARTED) }],
    ['launched a minute before the start (a scale-out just before)', false, { id: 'i-new', ageDays: days(NOW - (STARTED - 60_000)) }],
    ['started again after the start but first launched weeks ago (its primary ENI attached then)', false, { id: 'i-new', launchAgeDays: days(NOW - (STARTED + 60_000)), eniAgeDays: 20, rootAgeDays: days(NOW - (STARTED + 60_000)) }],
    ['started again after the start but first launched weeks ago (its root volume attached then)', false, { id: 'i-new', launchAgeDays: days(NOW - (STARTED + 60_000)), eniAgeDays: days(NOW - (STARTED + 60_000)), rootAgeDays: 20 }],
  ])('a member %s counts as added: %p', (_title, added, member) => {
    expect(addedIds(surgeWith([member]))).toEqual(added ? ['i-new'] : []);
  });

  it('never counts the instance it replaces, nor a member EC2 did not describe (its first launch is unknown)', () => {
    const surge = surgeWith([], ['i-undescribed']);

    expect(addedIds(surge)).toEqual([]);
    expect(surge.members.find((fact) => fact.member.instanceId === 'i-undescribed')?.firstLaunch).toBeUndefined();
  });

  it('a record started in 2020 counts nothing launched since as added: only what launched during the surge, up to its timeout', () => {
    const started = Date.parse('2020-01-01T00:00:00Z');
    const record = formatSurgeState({ startedAt: started, desiredCapacity: 3, added: 1, addedUnits: 1, instanceIds: ['i-old'] });
    const snapshot = makeFleet([{ group: { name: 'solo', tags: { 'instance-reaper:surge-state': record } }, instances: [{ id: 'i-old', ageDays: 40 }, { id: 'i-a', ageDays: 2 }, { id: 'i-b', ageDays: 1 }] }]);
    const surge = readSurgeRecord(snapshot.groups[0]!, snapshot, NOW) as SurgeRecord;

    expect(addedIds(surge, started + 60 * 60_000)).toEqual([]);
    // Without the bound, every member launched since 2020 would be "added" (and given back).
    expect(addedIds(surge, NOW).sort()).toEqual(['i-a', 'i-b']);
  });

  it('a member launched after the surge\'s timeout (a later scale-out) is not added', () => {
    expect(addedIds(surgeWith([{ id: 'i-new', ageDays: days(NOW - (STARTED + 60_000)) }]), STARTED + 30_000)).toEqual([]);
  });

  it('says which added members serve: the unhealthy go first', () => {
    const surge = surgeWith([{ id: 'i-new', ageDays: days(NOW - (STARTED + 60_000)) }, { id: 'i-sick', ageDays: days(NOW - (STARTED + 120_000)) }]);
    expect(addedInstances(surge, stableGates({ unhealthyTargets: ['i-sick'] }), LAUNCHED_BY)).toEqual([
      { instanceId: 'i-sick', healthy: true, serving: false },
      { instanceId: 'i-new', healthy: true, serving: true },
    ]);
  });
});
