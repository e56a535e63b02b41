import { InvalidInputError } from '../../lambda/errors';
import { parseEvent } from '../../lambda/config/load-run-policy';

function errorOf(event: unknown): InvalidInputError {
  try {
    parseEvent(event);
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected parseEvent to refuse the event');
}

describe('parseEvent: valid values', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['empty object: no overrides', {}, {}],
    ['dryRun true', { dryRun: true }, { dryRun: true }],
    ['dryRun false', { dryRun: false }, { dryRun: false }],
    ['maxAgeDays 0 (every instance due)', { maxAgeDays: 0 }, { maxAgeDays: 0 }],
    ['maxAgeDays fractional 1.5', { maxAgeDays: 1.5 }, { maxAgeDays: 1.5 }],
    ['amiMaxAgeDays 0', { amiMaxAgeDays: 0 }, { amiMaxAgeDays: 0 }],
    ['amiMaxAgeDays 90', { amiMaxAgeDays: 90 }, { amiMaxAgeDays: 90 }],
    ['amiDrift false', { amiDrift: false }, { amiDrift: false }],
    ['amiIds', { amiIds: ['ami-0abc123', 'ami-0def456'] }, { amiIds: ['ami-0abc123', 'ami-0def456'] }],
    ['amiIds empty', { amiIds: [] }, { amiIds: [] }],
    ['instanceIds', { instanceIds: ['i-0abc1234567890def'] }, { instanceIds: ['i-0abc1234567890def'] }],
    ['groups', { groups: ['web', 'api-prod'] }, { groups: ['web', 'api-prod'] }],
    ['maxTerminationsPerGroup 1', { maxTerminationsPerGroup: 1 }, { maxTerminationsPerGroup: { kind: 'count', value: 1 } }],
    ['maxTerminationsPerGroup 5', { maxTerminationsPerGroup: 5 }, { maxTerminationsPerGroup: { kind: 'count', value: 5 } }],
    ['maxTerminationsPerGroup "25%"', { maxTerminationsPerGroup: '25%' }, { maxTerminationsPerGroup: { kind: 'percent', value: 25 } }],
    ['maxTerminationsPerGroup "100%"', { maxTerminationsPerGroup: '100%' }, { maxTerminationsPerGroup: { kind: 'percent', value: 100 } }],
    ['maxTerminations 0 (a run budget of 0)', { maxTerminations: 0 }, { maxTerminations: 0 }],
    ['maxTerminations 50', { maxTerminations: 50 }, { maxTerminations: 50 }],
  ])('%s', (_title, event, expected) => {
    expect(parseEvent(event)).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ['an EventBridge scheduled event', { version: '0', id: 'x', 'detail-type': 'Scheduled Event', source: 'aws.events', account: '123456789012', time: '2026-11-24T12:00:00Z', region: 'eu-central-1', resources: ['arn:aws:events:eu-central-1:123456789012:rule/reaper'], detail: {} }],
    ['no event at all', undefined],
  ])('%s yields no overrides', (_title, event) => {
    expect(parseEvent(event)).toEqual({});
  });
});

describe('parseEvent: invalid values are refused, naming the field', () => {
  it.each<[string, unknown, string]>([
    ['null for dryRun', { dryRun: null }, 'dryRun'],
    ['null for maxAgeDays', { maxAgeDays: null }, 'maxAgeDays'],
    ['null for amiIds', { amiIds: null }, 'amiIds'],
    ['null for maxTerminations', { maxTerminations: null }, 'maxTerminations'],
    ['unknown field dryrun (typo)', { dryrun: true }, 'dryrun'],
    ['unknown field maxAge', { maxAge: 3 }, 'maxAge'],
    ['dryRun as the string "true"', { dryRun: 'true' }, 'dryRun'],
    ['dryRun as 1', { dryRun: 1 }, 'dryRun'],
    ['maxAgeDays negative', { maxAgeDays: -1 }, 'maxAgeDays'],
    ['maxAgeDays as a string', { maxAgeDays: '28' }, 'maxAgeDays'],
    ['amiMaxAgeDays negative', { amiMaxAgeDays: -0.5 }, 'amiMaxAgeDays'],
    ['amiDrift as "yes"', { amiDrift: 'yes' }, 'amiDrift'],
    ['amiIds as a string', { amiIds: 'ami-0abc123' }, 'amiIds'],
    ['amiIds with a bad AMI ID', { amiIds: ['ami-0abc123', 'i-0abc123'] }, 'amiIds.1'],
    ['amiIds with an empty ID', { amiIds: ['ami-'] }, 'amiIds.0'],
    ['instanceIds with a bad instance ID', { instanceIds: ['ami-0abc123'] }, 'instanceIds.0'],
    ['instanceIds with a number', { instanceIds: [42] }, 'instanceIds.0'],
    ['groups with an empty name', { groups: [''] }, 'groups.0'],
    ['groups as a string', { groups: 'web' }, 'groups'],
    ['maxTerminationsPerGroup 0', { maxTerminationsPerGroup: 0 }, 'maxTerminationsPerGroup'],
    ['maxTerminationsPerGroup negative', { maxTerminationsPerGroup: -1 }, 'maxTerminationsPerGroup'],
    ['maxTerminationsPerGroup 1.5', { maxTerminationsPerGroup: 1.5 }, 'maxTerminationsPerGroup'],
    ['maxTerminationsPerGroup "abc"', { maxTerminationsPerGroup: 'abc' }, 'maxTerminationsPerGroup'],
    ['maxTerminationsPerGroup "0%"', { maxTerminationsPerGroup: '0%' }, 'maxTerminationsPerGroup'],
    ['maxTerminationsPerGroup "150%"', { maxTerminationsPerGroup: '150%' }, 'maxTerminationsPerGroup'],
    ['maxTerminationsPerGroup "3" (a string, not an integer)', { maxTerminationsPerGroup: '3' }, 'maxTerminationsPerGroup'],
    ['maxTerminations negative', { maxTerminations: -1 }, 'maxTerminations'],
    ['maxTerminations not an integer', { maxTerminations: 2.5 }, 'maxTerminations'],
    ['an array instead of an object', [], 'event'],
    ['a string instead of an object', 'dryRun', 'event'],
  ])('%s', (_title, event, field) => {
    const error = errorOf(event);
    expect(error.name).toBe('InvalidInputError');
    expect(error.issues).toEqual([expect.stringMatching(new RegExp(`^${field.replace('.', '\\.')}: `))]);
    expect(error.message).toContain(field);
  });

  it.each<[unknown, string]>([
    [{ dryRun: 'true' }, 'dryRun: expected true or false'],
    [{ maxAgeDays: '28' }, 'maxAgeDays: expected a number >= 0'],
    [{ maxTerminations: -1.5 }, 'maxTerminations: expected a whole number >= 0'],
    [{ amiIds: 'ami-0abc123' }, 'amiIds: expected an array of AMI IDs'],
    [{ instanceIds: [42] }, 'instanceIds.0: expected an instance ID such as i-0abc123'],
    [{ maxTerminationsPerGroup: '3' }, 'maxTerminationsPerGroup: expected an integer >= 1 or a percentage such as "25%"'],
    [{ maxTerminationsPerGroup: 0 }, 'maxTerminationsPerGroup: expected an integer >= 1 or a percentage such as "25%"'],
  ])('says what %j should be, once', (event, issue) => {
    expect(errorOf(event).issues).toEqual([issue]);
  });

  it('says that an unknown field is unknown, so a typo never turns into a real run', () => {
    expect(errorOf({ dryrun: true }).issues).toEqual(['dryrun: unknown field']);
  });

  it('names every bad field at once', () => {
    const error = errorOf({
      dryrun: false,
      dryRun: null,
      maxAgeDays: -3,
      amiMaxAgeDays: '90',
      amiDrift: 'on',
      amiIds: ['ami-ok1', 'nope'],
      instanceIds: ['i-ok1', 'x-1'],
      groups: [''],
      maxTerminationsPerGroup: 0,
      maxTerminations: 1.5,
    });
    const fields = error.issues.map((issue) => issue.split(':')[0]);
    expect(fields.sort()).toEqual(
      ['amiDrift', 'amiIds.1', 'amiMaxAgeDays', 'dryRun', 'dryrun', 'groups.0', 'instanceIds.1', 'maxAgeDays', 'maxTerminations', 'maxTerminationsPerGroup'].sort(),
    );
    for (const field of fields) expect(error.message).toContain(`${field}:`);
  });

  it('refuses a scheduled-looking event that carries an override, so dryRun is never silently ignored', () => {
    const error = errorOf({ source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {}, dryRun: true });
    expect(error.message).toContain('source: unknown field');
  });

  it('does not take a manual event for a scheduled one because of a source field alone', () => {
    expect(errorOf({ source: 'aws.events', dryRun: false }).issues).toEqual([expect.stringContaining('source: unknown field')]);
  });
});
