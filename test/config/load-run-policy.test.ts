import { loadEnv, mergeRunPolicy, parseEvent } from '../../lambda/config/load-run-policy';
import type { RunPolicy } from '../../lambda/model/run-policy';

const CONFIGURED = {
  REAPER_DRY_RUN: 'true',
  REAPER_MAX_AGE_DAYS: '14',
  REAPER_AMI_MAX_AGE_DAYS: '60',
  REAPER_AMI_DRIFT: 'false',
  REAPER_MAX_TERMINATIONS_PER_GROUP: '2',
  REAPER_MAX_TERMINATIONS: '10',
  REAPER_BLOCKED_AMIS_PARAMETER: '/reaper/blocked',
  REAPER_ALARM_NAMES: 'global-5xx',
  REAPER_WINDOW: 'Mon-Fri 02:00-05:00 Europe/Berlin',
  REAPER_GRACE_DAYS: '3',
  REAPER_LIFETIME_JITTER_PERCENT: '10',
  REAPER_SURGE_TIMEOUT_MINUTES: '30',
  REAPER_TOPIC_ARN: 'arn:aws:sns:eu-central-1:123456789012:reaper',
};

const settingsFor = (event: unknown, env: Record<string, string> = CONFIGURED) => mergeRunPolicy(loadEnv(env), parseEvent(event));

describe('mergeRunPolicy', () => {
  it('a scheduled event runs the configured policy', () => {
    const settings = settingsFor({ source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} });
    expect(settings).toEqual({
      policy: {
        dryRun: true,
        maxAgeDaysOverride: undefined,
        defaultMaxAgeDays: 14,
        amiMaxAgeDays: 60,
        amiDrift: false,
        blockedAmiIds: [],
        targetedInstanceIds: [],
        groups: undefined,
        groupBudgetOverride: undefined,
        defaultGroupBudget: { kind: 'count', value: 2 },
        maxTerminations: 10,
        alarmNames: ['global-5xx'],
        defaultWindow: 'Mon-Fri 02:00-05:00 Europe/Berlin',
        defaultGraceDays: 3,
        lifetimeJitterPercent: 10,
        surgeTimeoutMinutes: 30,
      },
      blockedAmisParameter: '/reaper/blocked',
      topicArn: 'arn:aws:sns:eu-central-1:123456789012:reaper',
    });
  });

  it.each<[string, Record<string, unknown>, Partial<RunPolicy>]>([
    ['dryRun false over configured true', { dryRun: false }, { dryRun: false }],
    ['maxAgeDays 0 as the override, the configured default kept', { maxAgeDays: 0 }, { maxAgeDaysOverride: 0, defaultMaxAgeDays: 14 }],
    ['amiMaxAgeDays 7 over configured 60', { amiMaxAgeDays: 7 }, { amiMaxAgeDays: 7 }],
    ['amiDrift true over configured false', { amiDrift: true }, { amiDrift: true }],
    ['amiIds become blocked AMIs', { amiIds: ['ami-0bad'] }, { blockedAmiIds: ['ami-0bad'] }],
    ['instanceIds become targets', { instanceIds: ['i-0abc'] }, { targetedInstanceIds: ['i-0abc'] }],
    ['groups limit the run', { groups: ['web'] }, { groups: ['web'] }],
    ['maxTerminationsPerGroup as the override, the configured default kept', { maxTerminationsPerGroup: '50%' }, { groupBudgetOverride: { kind: 'percent', value: 50 }, defaultGroupBudget: { kind: 'count', value: 2 } }],
    ['maxTerminations 0 over configured 10', { maxTerminations: 0 }, { maxTerminations: 0 }],
  ])('%s', (_title, event, expected) => {
    expect(settingsFor(event).policy).toEqual(expect.objectContaining(expected));
  });

  it('overrides only this run: the configured policy is unchanged for the next', () => {
    const env = loadEnv(CONFIGURED);
    mergeRunPolicy(env, parseEvent({ maxTerminations: 0, dryRun: false }));
    expect(mergeRunPolicy(env, parseEvent({})).policy).toEqual(expect.objectContaining({ maxTerminations: 10, dryRun: true }));
  });

  it('with nothing configured, the documented defaults apply', () => {
    expect(settingsFor({}, {}).policy).toEqual(
      expect.objectContaining({ dryRun: false, defaultMaxAgeDays: 28, amiMaxAgeDays: undefined, amiDrift: true, maxTerminations: 20, defaultGraceDays: 7, lifetimeJitterPercent: 0, surgeTimeoutMinutes: 60 }),
    );
  });
});

describe('mergeRunPolicy: bake time', () => {
  it.each<[string, Record<string, string>, number | undefined]>([
    ['the configured bake time', { REAPER_BAKE_MINUTES: '30' }, 30],
    ['a configured 0 (no bake, whatever the groups\' warmup)', { REAPER_BAKE_MINUTES: '0' }, 0],
    ['unset: left to each group (its DefaultInstanceWarmup, else none)', {}, undefined],
  ])('%s', (_title, env, expected) => {
    expect(settingsFor({}, env).policy.defaultBakeMinutes).toBe(expected);
  });
});
