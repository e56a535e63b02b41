import { envIssues } from '../../lambda/config/env-issues';
import { envSchema } from '../../lambda/config/env-schema';
import { loadEnv } from '../../lambda/config/load-run-policy';
import { policyEnvironment, policyProblems } from '../../infra/policy-environment';
import { POLICY_PROPS, PROP_OF_VARIABLE } from '../../infra/policy-props';
import type { InstanceReaperProps } from '../../infra/props';

describe('the policy props and the function: one source of truth', () => {
  it('deploys the function\'s own defaults for unset props', () => {
    expect(loadEnv(policyEnvironment({}))).toEqual(loadEnv({}));
  });

  it('deploys every policy prop so that the function reads back what was configured', () => {
    const props: InstanceReaperProps = {
      dryRun: true,
      maxAgeDays: 14.5,
      amiMaxAgeDays: 90,
      amiDrift: false,
      maxTerminationsPerGroup: '25%',
      maxTerminations: 5,
      alarmNames: ['api-5xx', 'db-cpu'],
      maintenanceWindow: 'Mon-Fri 02:00-05:00 Europe/Berlin',
      graceDays: 3,
      lifetimeJitterPercent: 12.5,
      surgeTimeoutMinutes: 45,
      bakeMinutes: 30,
    };

    const centralBusArn = 'arn:aws:events:eu-west-1:999999999999:event-bus/instance-reaper-central';
    expect(loadEnv(policyEnvironment(props, { topicArn: 'arn:aws:sns:eu-west-1:123456789012:t', blockedAmisParameter: '/p', centralBusArn }))).toEqual({
      REAPER_DRY_RUN: true,
      REAPER_MAX_AGE_DAYS: 14.5,
      REAPER_AMI_MAX_AGE_DAYS: 90,
      REAPER_AMI_DRIFT: false,
      REAPER_MAX_TERMINATIONS_PER_GROUP: { kind: 'percent', value: 25 },
      REAPER_MAX_TERMINATIONS: 5,
      REAPER_BLOCKED_AMIS_PARAMETER: '/p',
      REAPER_ALARM_NAMES: ['api-5xx', 'db-cpu'],
      REAPER_WINDOW: 'Mon-Fri 02:00-05:00 Europe/Berlin',
      REAPER_GRACE_DAYS: 3,
      REAPER_LIFETIME_JITTER_PERCENT: 12.5,
      REAPER_SURGE_TIMEOUT_MINUTES: 45,
      REAPER_BAKE_MINUTES: 30,
      REAPER_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:t',
      REAPER_CENTRAL_BUS_ARN: centralBusArn,
    });
  });

  it('names a prop for every variable of the function\'s schema', () => {
    expect(Object.keys(envSchema.shape).filter((variable) => PROP_OF_VARIABLE[variable] === undefined)).toEqual([]);
  });

  it.each<[keyof typeof POLICY_PROPS, unknown]>([
    ['maxAgeDays', -1],
    ['amiMaxAgeDays', -5],
    ['maxTerminationsPerGroup', 0],
    ['maxTerminationsPerGroup', '150%'],
    ['maxTerminationsPerGroup', 1.5],
    ['maxTerminations', 2.5],
    ['graceDays', -1],
    ['bakeMinutes', -5],
    ['lifetimeJitterPercent', 101],
    ['surgeTimeoutMinutes', 0],
    ['maintenanceWindow', 'Mon-Fry 02:00-05:00 UTC'],
  ])('%s = %p is refused with the function\'s own words', (prop, value) => {
    const { variable } = POLICY_PROPS[prop];
    const functionSays = envIssues({ [variable]: String(value) }).map((issue) => issue.message);

    const problems = policyProblems({ [prop]: value });

    expect(functionSays).toHaveLength(1);
    expect(problems).toEqual([{ prop, message: expect.stringContaining(functionSays[0] ?? '') }]);
  });
});
