import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { loadTargets, pickTarget } from '../../infra/targets';

const writeTargets = (content: unknown) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'targets-')), 'targets.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
};

describe('deploy targets', () => {
  it('reads the shipped targets file', () => {
    const targets = loadTargets(path.join(__dirname, '../../infra/targets.json'));
    expect([...targets.keys()]).toEqual(['dev-eu', 'staging-eu', 'prod-us']);
    expect(pickTarget(targets, 'dev-eu').props.dryRun).toBe(true);
  });

  it('refuses an unknown target, listing the known ones', () => {
    const targets = loadTargets(writeTargets({ a: { account: '123456789012', region: 'eu-west-1' } }));
    expect(() => pickTarget(targets, 'b')).toThrow('Unknown target "b". Known targets: a');
  });

  it('gives the construct every prop JSON can write: the timeout in minutes becomes a Duration, the log retention in days RetentionDays', () => {
    const props = {
      schedule: 'cron(0 3 ? * MON-FRI *)',
      maxAgeDays: 14,
      amiMaxAgeDays: 90,
      amiDrift: false,
      maxTerminationsPerGroup: '25%',
      maxTerminations: 10,
      dryRun: true,
      notificationEmail: 'oncall@example.com',
      logRetention: 400,
      alarmNames: ['api-5xx'],
      maintenanceWindow: 'Tue 03:00-05:00 UTC',
      graceDays: 3,
      lifetimeJitterPercent: 10,
      blockedAmisParameterName: '/team/blocked-amis',
      amiAliasParameters: ['/golden/*'],
      surgeTimeoutMinutes: 30,
      memorySize: 2048,
      timeoutMinutes: 10,
    };
    const { timeoutMinutes, ...rest } = props;

    const target = pickTarget(loadTargets(writeTargets({ a: { account: '123456789012', region: 'eu-west-1', props } })), 'a');

    expect(target.props).toEqual({ ...rest, logRetention: RetentionDays.THIRTEEN_MONTHS, timeout: Duration.minutes(timeoutMinutes) });
  });

  it('takes a target without props: the defaults', () => {
    expect(pickTarget(loadTargets(writeTargets({ a: { account: '123456789012', region: 'eu-west-1' } })), 'a').props).toEqual({});
  });
});
