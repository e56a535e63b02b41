import { loadEnv } from '../../../lambda/config/load-run-policy';
import { describePolicy } from '../../../local/simulation/describe-policy';

const facts = (variables: Record<string, string> = {}, groupTags = {}) => ({
  env: loadEnv({ REAPER_AMI_MAX_AGE_DAYS: '90', ...variables }),
  runsEvery: 'one run per simulated hour',
  deployedSchedule: 'rate(15 minutes)',
  groupTags,
});

describe('describePolicy', () => {
  it('says in two lines the lifetime, AMI age limit, budgets, window, grace, whether it acts, and how often it runs', () => {
    const lines = describePolicy(facts({}, { payments: { 'instance-reaper:exempt': 'true' }, web: { Name: 'web' } }));

    expect(lines).toEqual([
      'policy: lifetime 28 d, AMI age limit 90 d, budget 1 per group and 20 per run, window always open, grace 7 d, not a dry run: terminates',
      '        one run per simulated hour (deployed: rate(15 minutes)); group tags: payments exempt',
    ]);
  });

  it('says what the flags changed', () => {
    const [policy = ''] = describePolicy(
      facts({
        REAPER_DRY_RUN: 'true',
        REAPER_MAX_AGE_DAYS: '14',
        REAPER_AMI_MAX_AGE_DAYS: '',
        REAPER_AMI_DRIFT: 'false',
        REAPER_MAX_TERMINATIONS_PER_GROUP: '25%',
        REAPER_MAX_TERMINATIONS: '5',
        REAPER_WINDOW: 'Mon-Fri 02:00-05:00 UTC',
        REAPER_GRACE_DAYS: '2.5',
        REAPER_LIFETIME_JITTER_PERCENT: '10',
      }),
    );

    expect(policy).toBe(
      'policy: lifetime 14 d (up to 10 % shorter), no AMI age limit, AMI drift not judged, budget 25% per group and 5 per run, window Mon-Fri 02:00-05:00 UTC, grace 2.5 d, DRY RUN: changes nothing',
    );
  });

  it('lists the policy tags each group carries over the defaults', () => {
    const tags = {
      queue: { 'instance-reaper:window': 'Tue,Thu 02:00-04:00 UTC', 'instance-reaper:grace-days': '3' },
      api: { 'instance-reaper:max-age-days': '14', 'instance-reaper:budget': '2', 'instance-reaper:surge': 'true', 'instance-reaper:alarms': 'api-5xx' },
    };

    const [, schedule] = describePolicy({ ...facts({}, tags), deployedSchedule: undefined });

    expect(schedule).toBe(
      '        one run per simulated hour; group tags: queue window Tue,Thu 02:00-04:00 UTC, grace 3 d · api lifetime 14 d, budget 2, launch before terminate, alarms api-5xx',
    );
  });
});

describe('describePolicy: bake time', () => {
  it('says the configured bake time, and a group tag over it', () => {
    const [policy = '', schedule = ''] = describePolicy(facts({ REAPER_BAKE_MINUTES: '15' }, { web: { 'instance-reaper:bake-minutes': '30' } }));

    expect(policy).toContain('grace 7 d, bake 15 min, not a dry run');
    expect(schedule).toContain('group tags: web bake 30 min');
  });
});
