import type { RunPolicy } from '../../lambda/model/run-policy';
import { evaluateFleet } from '../../lambda/policy/evaluate-fleet';
import { resolveGroupSettings, type GroupSettings } from '../../lambda/policy/group-settings';
import { makeFleet, makeGroup, makePolicy, NOW } from '../factories';

const settingsOf = (tags: Record<string, string>, policy: Partial<RunPolicy> = {}): GroupSettings => {
  const settings = resolveGroupSettings(makeGroup({ tags }), makePolicy(policy), NOW);
  if ('error' in settings) throw new Error(`unexpected error: ${settings.error}`);
  return settings;
};

describe('resolveGroupSettings: malformed tags', () => {
  it.each([
    ['max-age-days', 'abc'],
    ['max-age-days', '-1'],
    ['max-age-days', ''],
    ['max-age-days', '28d'],
    ['budget', '0'],
    ['budget', 'abc'],
    ['budget', '0%'],
    ['budget', '150%'],
    ['budget', '1.5'],
    ['window', 'whenever'],
    ['window', 'Mon-Fri 02:00-05:00 Mars/Olympus'],
    ['grace-days', 'soon'],
    ['grace-days', '-2'],
    ['rotate-before', 'next week'],
    ['exempt', 'yes'],
    ['exempt', ''],
    ['surge', 'on'],
  ])('instance-reaper:%s=%p is an error naming the tag', (key, value) => {
    const settings = resolveGroupSettings(makeGroup({ tags: { [`instance-reaper:${key}`]: value } }), makePolicy(), NOW);
    expect(settings).toEqual({ error: expect.stringContaining(`tag instance-reaper:${key}="${value}"`) });
  });

  it.each([
    ['max-age-days', 'abc'],
    ['budget', '0'],
    ['window', 'Mon 25:00-26:00 UTC'],
    ['grace-days', 'soon'],
  ])('a group with a malformed %s tag is left alone; the other groups go on', (key, value) => {
    const snapshot = makeFleet([
      { group: { name: 'broken', tags: { [`instance-reaper:${key}`]: value } }, instances: [{ id: 'i-1', ageDays: 40 }] },
      { group: { name: 'fine' }, instances: [{ id: 'i-2', ageDays: 40 }] },
    ]);

    const evaluation = evaluateFleet(snapshot, makePolicy(), NOW);

    expect(evaluation.groups.map((group) => group.group.name)).toEqual(['fine']);
    expect(evaluation.groups[0]?.due.map((due) => due.instanceId)).toEqual(['i-2']);
    expect(evaluation.errors).toEqual([{ group: 'broken', code: 'tag-malformed', message: expect.stringMatching(/group left alone this run$/) }]);
  });

  it('a malformed configured default window is an error for every group that would use it', () => {
    const settings = resolveGroupSettings(makeGroup(), makePolicy({ defaultWindow: 'nightly' }), NOW);
    expect(settings).toEqual({ error: expect.stringContaining('window "nightly"') });
  });
});

describe('resolveGroupSettings: precedence and defaults', () => {
  it('uses the documented defaults on an untagged group', () => {
    expect(settingsOf({})).toEqual({
      exempt: false,
      maxAgeDays: 28,
      rotateBefore: undefined,
      windows: undefined,
      graceDays: 7,
      budget: { kind: 'count', value: 1 },
      surge: false,
      alarmNames: [],
    });
  });

  it.each<[string, Partial<RunPolicy>, Record<string, string>, unknown]>([
    ['config only', {}, {}, { kind: 'count', value: 1 }],
    ['tag over config', {}, { 'instance-reaper:budget': '3' }, { kind: 'count', value: 3 }],
    ['tag percentage over config', {}, { 'instance-reaper:budget': '25%' }, { kind: 'percent', value: 25 }],
    ['event over tag', { groupBudgetOverride: { kind: 'count', value: 5 } }, { 'instance-reaper:budget': '3' }, { kind: 'count', value: 5 }],
  ])('budget: %s', (_title, policy, tags, budget) => {
    expect(settingsOf(tags, policy).budget).toEqual(budget);
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['false', false],
  ])('exempt and surge tags read %p case-insensitively as %p', (value, expected) => {
    const settings = settingsOf({ 'instance-reaper:exempt': value, 'instance-reaper:surge': value });
    expect([settings.exempt, settings.surge]).toEqual([expected, expected]);
  });

  it('grace-days tag overrides the configured grace', () => {
    expect(settingsOf({ 'instance-reaper:grace-days': '2' }, { defaultGraceDays: 7 }).graceDays).toBe(2);
  });

  it('window tag overrides the configured default window', () => {
    const settings = settingsOf({ 'instance-reaper:window': 'Sat 01:00-02:00 UTC' }, { defaultWindow: 'Mon 01:00-02:00 UTC' });
    expect(settings.windows?.map((window) => [...window.days])).toEqual([[6]]);
  });

  it('merges the configured alarms with the group tag alarms, without duplicates', () => {
    const settings = settingsOf({ 'instance-reaper:alarms': ' api-5xx, shared ,,' }, { alarmNames: ['shared', 'global'] });
    expect(settings.alarmNames).toEqual(['shared', 'global', 'api-5xx']);
  });
});

describe('resolveGroupSettings: bake time', () => {
  const bakeOf = (tags: Record<string, string>, policy: Partial<RunPolicy> = {}, warmupSeconds?: number): number | undefined => {
    const settings = resolveGroupSettings({ ...makeGroup({ tags }), defaultInstanceWarmup: warmupSeconds }, makePolicy(policy), NOW);
    if ('error' in settings) throw new Error(`unexpected error: ${settings.error}`);
    return settings.bakeMinutes;
  };

  it.each<[string, Record<string, string>, Partial<RunPolicy>, number | undefined, number | undefined]>([
    ['the tag over the configured default and the warmup', { 'instance-reaper:bake-minutes': '30' }, { defaultBakeMinutes: 10 }, 600, 30],
    ['a tag of 0 over the configured default and the warmup', { 'instance-reaper:bake-minutes': '0' }, { defaultBakeMinutes: 10 }, 600, undefined],
    ['the configured default over the warmup', {}, { defaultBakeMinutes: 10 }, 600, 10],
    ['a configured 0 over the warmup', {}, { defaultBakeMinutes: 0 }, 600, undefined],
    ['the group\'s DefaultInstanceWarmup (seconds) when nothing else is set', {}, {}, 300, 5],
    ['nothing set anywhere: no bake time', {}, {}, undefined, undefined],
  ])('%s', (_title, tags, policy, warmupSeconds, expected) => {
    expect(bakeOf(tags, policy, warmupSeconds)).toBe(expected);
  });

  it.each(['abc', '-5', '', '30m'])('instance-reaper:bake-minutes=%p is an error naming the tag', (value) => {
    const settings = resolveGroupSettings(makeGroup({ tags: { 'instance-reaper:bake-minutes': value } }), makePolicy(), NOW);
    expect(settings).toEqual({ error: expect.stringContaining(`tag instance-reaper:bake-minutes="${value}"`) });
  });

  it('a group with a malformed bake-minutes tag is left alone (tag-malformed); the other groups go on', () => {
    const snapshot = makeFleet([
      { group: { name: 'broken', tags: { 'instance-reaper:bake-minutes': 'abc' } }, instances: [{ id: 'i-1', ageDays: 40 }] },
      { group: { name: 'fine' }, instances: [{ id: 'i-2', ageDays: 40 }] },
    ]);

    const evaluation = evaluateFleet(snapshot, makePolicy(), NOW);

    expect(evaluation.groups.map((group) => group.group.name)).toEqual(['fine']);
    expect(evaluation.errors).toEqual([{ group: 'broken', code: 'tag-malformed', message: expect.stringMatching(/bake-minutes="abc".*group left alone this run$/) }]);
  });
});
