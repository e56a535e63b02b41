import { InvalidInputError } from '../../lambda/errors';
import { loadEnv } from '../../lambda/config/load-run-policy';

function errorOf(env: Record<string, string>): InvalidInputError {
  try {
    loadEnv(env);
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected loadEnv to refuse the environment');
}

describe('loadEnv: defaults', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(loadEnv({})).toEqual({
      REAPER_DRY_RUN: false,
      REAPER_MAX_AGE_DAYS: 28,
      REAPER_AMI_DRIFT: true,
      REAPER_MAX_TERMINATIONS_PER_GROUP: { kind: 'count', value: 1 },
      REAPER_MAX_TERMINATIONS: 20,
      REAPER_ALARM_NAMES: [],
      REAPER_GRACE_DAYS: 7,
      REAPER_LIFETIME_JITTER_PERCENT: 0,
      REAPER_SURGE_TIMEOUT_MINUTES: 60,
    });
  });

  it('treats blank values as unset', () => {
    expect(loadEnv({ REAPER_MAX_AGE_DAYS: '', REAPER_DRY_RUN: ' ', REAPER_WINDOW: '  ', REAPER_TOPIC_ARN: '' })).toEqual(loadEnv({}));
  });

  it('ignores variables that are not the reaper\'s', () => {
    expect(loadEnv({ AWS_REGION: 'eu-central-1', PATH: '/usr/bin' })).toEqual(loadEnv({}));
  });
});

describe('loadEnv: valid values', () => {
  it.each<[string, string, unknown]>([
    ['REAPER_DRY_RUN', 'true', true],
    ['REAPER_DRY_RUN', 'TRUE', true],
    ['REAPER_DRY_RUN', 'False', false],
    ['REAPER_MAX_AGE_DAYS', '0', 0],
    ['REAPER_MAX_AGE_DAYS', '14.5', 14.5],
    ['REAPER_AMI_MAX_AGE_DAYS', '90', 90],
    ['REAPER_AMI_DRIFT', 'false', false],
    ['REAPER_MAX_TERMINATIONS_PER_GROUP', '3', { kind: 'count', value: 3 }],
    ['REAPER_MAX_TERMINATIONS_PER_GROUP', '25%', { kind: 'percent', value: 25 }],
    ['REAPER_MAX_TERMINATIONS', '0', 0],
    ['REAPER_BLOCKED_AMIS_PARAMETER', '/reaper/blocked-amis', '/reaper/blocked-amis'],
    ['REAPER_ALARM_NAMES', 'web-5xx, api-latency,,', ['web-5xx', 'api-latency']],
    ['REAPER_WINDOW', 'Mon-Fri 02:00-05:00 Europe/Berlin; Sat,Sun 00:00-06:00 Europe/Berlin', 'Mon-Fri 02:00-05:00 Europe/Berlin; Sat,Sun 00:00-06:00 Europe/Berlin'],
    ['REAPER_GRACE_DAYS', '0', 0],
    ['REAPER_BAKE_MINUTES', '30', 30],
    ['REAPER_BAKE_MINUTES', '0', 0],
    ['REAPER_LIFETIME_JITTER_PERCENT', '100', 100],
    ['REAPER_LIFETIME_JITTER_PERCENT', '12.5', 12.5],
    ['REAPER_SURGE_TIMEOUT_MINUTES', '1', 1],
    ['REAPER_TOPIC_ARN', 'arn:aws:sns:eu-central-1:123456789012:reaper', 'arn:aws:sns:eu-central-1:123456789012:reaper'],
    ['REAPER_CENTRAL_BUS_ARN', ' arn:aws:events:us-gov-west-1:123456789012:event-bus/instance-reaper-central ', 'arn:aws:events:us-gov-west-1:123456789012:event-bus/instance-reaper-central'],
    ['REAPER_STATE_KEY_ARN', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['REAPER_STATE_KEY_ARN', 'arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab', 'arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab'],
  ])('%s=%p', (name, value, expected) => {
    expect(loadEnv({ [name]: value })[name as keyof ReturnType<typeof loadEnv>]).toEqual(expected);
  });
});

describe('loadEnv: a bad variable is refused, naming it', () => {
  it.each<[string, string]>([
    ['REAPER_DRY_RUN', 'yes'],
    ['REAPER_DRY_RUN', '1'],
    ['REAPER_MAX_AGE_DAYS', '-1'],
    ['REAPER_MAX_AGE_DAYS', 'abc'],
    ['REAPER_MAX_AGE_DAYS', '28d'],
    ['REAPER_AMI_MAX_AGE_DAYS', '-5'],
    ['REAPER_AMI_DRIFT', 'on'],
    ['REAPER_MAX_TERMINATIONS_PER_GROUP', '0'],
    ['REAPER_MAX_TERMINATIONS_PER_GROUP', '1.5'],
    ['REAPER_MAX_TERMINATIONS_PER_GROUP', '150%'],
    ['REAPER_MAX_TERMINATIONS_PER_GROUP', 'abc'],
    ['REAPER_MAX_TERMINATIONS', '-1'],
    ['REAPER_MAX_TERMINATIONS', '2.5'],
    ['REAPER_GRACE_DAYS', 'a week'],
    ['REAPER_BAKE_MINUTES', '-5'],
    ['REAPER_BAKE_MINUTES', 'abc'],
    ['REAPER_LIFETIME_JITTER_PERCENT', '101'],
    ['REAPER_LIFETIME_JITTER_PERCENT', '-1'],
    ['REAPER_CENTRAL_BUS_ARN', 'instance-reaper-central'],
    ['REAPER_CENTRAL_BUS_ARN', 'arn:aws:sns:eu-west-1:123456789012:instance-reaper-central'],
    ['REAPER_CENTRAL_BUS_ARN', 'arn:aws:events:eu-west-1:1234:event-bus/central'],
    ['REAPER_SURGE_TIMEOUT_MINUTES', '0'],
    ['REAPER_STATE_KEY_ARN', '1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['REAPER_STATE_KEY_ARN', 'arn:aws:kms:eu-west-1:123456789012:alias/instance-reaper-state'],
    ['REAPER_WINDOW', 'nightly'],
    ['REAPER_WINDOW', 'Mon-Fri 02:00-05:00 Mars/Olympus'],
    ['REAPER_WINDOW', 'Mon-Fry 02:00-05:00 UTC'],
  ])('%s=%p', (name, value) => {
    const error = errorOf({ [name]: value });
    expect(error.name).toBe('InvalidInputError');
    expect(error.issues).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${name}: `));
  });

  it('names several bad variables at once, the default window among them', () => {
    const error = errorOf({
      REAPER_DRY_RUN: 'maybe',
      REAPER_MAX_TERMINATIONS: '-2',
      REAPER_SURGE_TIMEOUT_MINUTES: '0',
      REAPER_WINDOW: 'nightly',
    });
    expect(error.issues.map((issue) => issue.split(':')[0]).sort()).toEqual(
      ['REAPER_DRY_RUN', 'REAPER_MAX_TERMINATIONS', 'REAPER_SURGE_TIMEOUT_MINUTES', 'REAPER_WINDOW'].sort(),
    );
  });

  it('says what is wrong with a malformed window', () => {
    expect(errorOf({ REAPER_WINDOW: 'Mon 25:00-26:00 UTC' }).issues).toEqual([expect.stringContaining('between 00:00 and 24:00')]);
  });
});
