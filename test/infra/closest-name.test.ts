import { closestName } from '../../infra/closest-name';

const KNOWN = ['dryRun', 'maxAgeDays', 'timeoutMinutes', 'logRetention', 'alarmNames'];

describe('closestName: what a misspelt prop most likely meant', () => {
  it.each([
    ['dryrun', 'dryRun'],
    ['DRYRUN', 'dryRun'],
    ['timeout', 'timeoutMinutes'],
    ['logRetentionDays', 'logRetention'],
    ['maxAgeDay', 'maxAgeDays'],
    ['alarmName', 'alarmNames'],
    ['maxageday', 'maxAgeDays'],
  ])('%s -> %s', (name, meant) => {
    expect(closestName(name, KNOWN)).toBe(meant);
  });

  it.each(['colour', 'dry', 'schedule'])('%s -> nothing close', (name) => {
    expect(closestName(name, KNOWN)).toBeUndefined();
  });
});
