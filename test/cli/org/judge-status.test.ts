import { describeDuration, judgeStatus } from '../../../cli/org/judge-status';
import { makeReport, makeStatus, MINUTE, NOW } from './org-factories';

describe('judgeStatus: the rule status --org applies to what status reads', () => {
  it.each([
    ['a run that found nothing due', 'in policy', makeReport(), []],
    ['a real run that terminated what was due (replacements on their way)', 'in policy', makeReport({ terminated: [['max-age']] }), []],
    [
      'deferred instances past lifetime and on stale AMIs',
      'out of policy',
      makeReport({
        deferred: [
          { reasons: ['max-age'], why: 'group-budget' },
          { reasons: ['max-age', 'ami-drift'], why: 'group-budget' },
          { reasons: ['ami-deprecated'], why: 'outside-window' },
        ],
      }),
      ['2 instances past lifetime, 2 instances on stale AMIs', 'deferred: group-budget 2, outside-window 1'],
    ],
    ['one unmanaged instance', 'out of policy', makeReport({ unmanaged: 1 }), ['1 instance past lifetime', '1 unmanaged instance (in no group)']],
    ['a dry run that would terminate', 'out of policy', makeReport({ dryRun: true, terminated: [['max-age']] }), ['1 instance past lifetime', 'dry run: nothing is terminated']],
    ['a run that reported errors', 'out of policy', makeReport({ errors: 2 }), ['last run reported 2 errors (read-failed 2)']],
    ['a rotation request waiting', 'out of policy', makeReport({ deferred: [{ reasons: ['rotation-requested'], why: 'alarm' }] }), ['1 instance requested for rotation', 'deferred: alarm 1']],
  ])('%s: %s', (_title, state, report, why) => {
    const verdict = judgeStatus(makeStatus({ report }), undefined, NOW);

    expect(verdict.state).toBe(state);
    expect(verdict.why).toEqual(why);
  });

  it('an account with 300,000 unmanaged instances due: its oldest found without spreading them into Math.max (the stack holds about 100,000)', () => {
    const report = makeReport({ instances: 300_000, unmanaged: 300_000 });

    expect(judgeStatus(makeStatus({ report }), undefined, NOW).figures?.oldestDueAgeDays).toBe(200);
  });

  it.each([
    ['exactly two intervals (30 minutes) since the report: still in policy', 30 * MINUTE, 'in policy', []],
    ['just past two intervals: out of policy, no run for 31 minutes', 31 * MINUTE, 'out of policy', ['no run for 31 minutes']],
    ['two hours: said in hours', 2 * 60 * MINUTE + 5 * MINUTE, 'out of policy', ['no run for 2 hours']],
  ])('a 15-minute schedule, %s', (_title, reportAgeMs, state, why) => {
    const verdict = judgeStatus(makeStatus({ report: makeReport(), reportAgeMs }), undefined, NOW);

    expect(verdict.state).toBe(state);
    expect(verdict.why).toEqual(why);
  });

  it('a daily cron schedule: 30 hours without a report is not yet missing, 49 hours is', () => {
    const cron = { state: 'ENABLED', expression: 'cron(0 3 * * ? *)' };

    expect(judgeStatus(makeStatus({ report: makeReport(), reportAgeMs: 30 * 60 * MINUTE, schedule: cron }), undefined, NOW).state).toBe('in policy');
    expect(judgeStatus(makeStatus({ report: makeReport(), reportAgeMs: 49 * 60 * MINUTE, schedule: cron }), undefined, NOW).why).toEqual(['no run for 2 days']);
  });

  it('no report at all: out of policy, no figures', () => {
    const verdict = judgeStatus(makeStatus(), undefined, NOW);

    expect(verdict).toEqual({ state: 'out of policy', why: ['no run report in 14 days'] });
  });

  it('a run that failed after the latest report: out of policy, with the error', () => {
    const failure = { time: new Date(NOW - MINUTE).toISOString(), message: 'AccessDenied: not authorized to perform autoscaling:DescribeAutoScalingGroups' };

    const verdict = judgeStatus(makeStatus({ report: makeReport() }), failure, NOW);

    expect(verdict.state).toBe('out of policy');
    expect(verdict.why).toEqual(['last run failed (AccessDenied: not authorized to perform autoscaling:DescribeAutoScalingGroups)']);
  });

  it.each([
    ['paused', { state: 'DISABLED' }, 'paused: schedule disabled, reserved concurrency 0'],
    ['partly paused', { state: 'DISABLED' }, 'partly paused: schedule disabled'],
    ['partly paused', { state: 'ENABLED' }, 'partly paused: reserved concurrency 0'],
  ] as const)('%s (schedule %o): paused whatever the fleet, which is still said', (state, schedule, first) => {
    const verdict = judgeStatus(makeStatus({ state, schedule, report: makeReport({ deferred: [{ reasons: ['max-age'], why: 'exempt' }] }) }), undefined, NOW);

    expect(verdict.state).toBe('paused');
    expect(verdict.why).toEqual([first, '1 instance past lifetime', 'deferred: exempt 1']);
  });

  it('figures: scanned instances, the share not left due, the oldest left due, the report time', () => {
    const report = makeReport({
      instances: 8,
      terminated: [['max-age']],
      deferred: [
        { reasons: ['max-age'], why: 'group-budget', ageDays: 45.04 },
        { reasons: ['max-age'], why: 'group-budget', ageDays: 61.26 },
      ],
    });

    const verdict = judgeStatus(makeStatus({ report }), undefined, NOW);

    expect(verdict.figures).toEqual({ instances: 8, withinPolicyPercent: 75, oldestDueAgeDays: 61.3, lastRun: new Date(NOW - 5 * MINUTE).toISOString() });
  });

  it('figures of an empty fleet: 100% within policy, no oldest', () => {
    expect(judgeStatus(makeStatus({ report: makeReport({ instances: 0 }) }), undefined, NOW).figures).toEqual({
      instances: 0,
      withinPolicyPercent: 100,
      lastRun: new Date(NOW - 5 * MINUTE).toISOString(),
    });
  });
});

describe('describeDuration', () => {
  it.each([
    [0, 'less than a minute'],
    [MINUTE - 1, 'less than a minute'],
    [MINUTE, '1 minute'],
    [119 * MINUTE, '119 minutes'],
    [120 * MINUTE, '2 hours'],
    [47 * 60 * MINUTE, '47 hours'],
    [48 * 60 * MINUTE, '2 days'],
  ])('%d ms -> %s', (ms, text) => {
    expect(describeDuration(ms)).toBe(text);
  });
});
