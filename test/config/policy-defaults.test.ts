import { envIssues } from '../../lambda/config/env-issues';
import { loadEnv } from '../../lambda/config/load-run-policy';
import { POLICY_DEFAULTS, formatBudget } from '../../lambda/config/policy-defaults';

describe('POLICY_DEFAULTS: the one place the policy defaults live', () => {
  it('are what the function takes when nothing is set', () => {
    expect(loadEnv({})).toEqual({
      REAPER_DRY_RUN: POLICY_DEFAULTS.dryRun,
      REAPER_MAX_AGE_DAYS: POLICY_DEFAULTS.maxAgeDays,
      REAPER_AMI_DRIFT: POLICY_DEFAULTS.amiDrift,
      REAPER_MAX_TERMINATIONS_PER_GROUP: POLICY_DEFAULTS.maxTerminationsPerGroup,
      REAPER_MAX_TERMINATIONS: POLICY_DEFAULTS.maxTerminations,
      REAPER_ALARM_NAMES: [],
      REAPER_GRACE_DAYS: POLICY_DEFAULTS.graceDays,
      REAPER_LIFETIME_JITTER_PERCENT: POLICY_DEFAULTS.lifetimeJitterPercent,
      REAPER_SURGE_TIMEOUT_MINUTES: POLICY_DEFAULTS.surgeTimeoutMinutes,
    });
  });

  it.each([
    [{ kind: 'count', value: 3 } as const, '3'],
    [{ kind: 'percent', value: 25 } as const, '25%'],
    [{ kind: 'percent', value: 12.5 } as const, '12.5%'],
  ])('formatBudget(%p) = %p, which the function reads back', (budget, text) => {
    expect(formatBudget(budget)).toBe(text);
    expect(loadEnv({ REAPER_MAX_TERMINATIONS_PER_GROUP: text }).REAPER_MAX_TERMINATIONS_PER_GROUP).toEqual(budget);
  });
});

describe('envIssues: what the function would refuse, by variable', () => {
  it('finds nothing in an empty environment', () => {
    expect(envIssues({})).toEqual([]);
  });

  it('names every bad variable, the default window among them, in the words loadEnv uses', () => {
    const env = { REAPER_DRY_RUN: 'yes', REAPER_MAX_AGE_DAYS: '-1', REAPER_LIFETIME_JITTER_PERCENT: '101', REAPER_WINDOW: 'nightly' };

    const issues = envIssues(env);

    expect(issues).toEqual([
      { variable: 'REAPER_DRY_RUN', message: 'expected true or false' },
      { variable: 'REAPER_MAX_AGE_DAYS', message: 'expected a number >= 0' },
      { variable: 'REAPER_LIFETIME_JITTER_PERCENT', message: 'expected a number from 0 to 100' },
      { variable: 'REAPER_WINDOW', message: expect.stringContaining('window "nightly"') },
    ]);
    expect(() => loadEnv(env)).toThrow(`Invalid configuration: ${issues.map(({ variable, message }) => `${variable}: ${message}`).join('; ')}`);
  });

  it('takes a blank window as unset', () => {
    expect(envIssues({ REAPER_WINDOW: '  ' })).toEqual([]);
  });
});
