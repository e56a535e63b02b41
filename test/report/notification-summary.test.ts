import type { RunReport } from '../../lambda/model/report';
import { notificationSummary } from '../../lambda/report/notification-summary';

const report = (partial: Partial<RunReport> = {}): RunReport => ({
  dryRun: false,
  scanned: { groups: 2, instances: 10 },
  terminated: [],
  deferred: [],
  unmanaged: [],
  errors: [],
  details: {},
  surges: [],
  ...partial,
});

const TERMINATED = [{ instanceId: 'i-1', group: 'web', reasons: ['max-age', 'ami-drift'] as const }];
const DEFERRED = [{ instanceId: 'i-2', group: 'web', reasons: ['max-age'] as const, why: 'group-budget' as const }];
const ERRORS = [{ group: 'api', instanceId: 'i-3', code: 'write-failed' as const, message: 'TerminateInstanceInAutoScalingGroup failed: denied' }];

describe('notificationSummary', () => {
  it.each<[string, Partial<RunReport>]>([
    ['nothing happened', {}],
    ['only deferrals and unmanaged instances', { deferred: DEFERRED, unmanaged: [{ instanceId: 'i-9', reasons: ['max-age'] }] }],
    ['a dry run that would terminate', { dryRun: true, terminated: TERMINATED }],
    ['a dry run with errors', { dryRun: true, errors: ERRORS }],
  ])('sends nothing when %s', (_title, partial) => {
    expect(notificationSummary(report(partial))).toBeUndefined();
  });

  it('summarises terminations: counts in the subject, one line per instance with its reasons', () => {
    const summary = notificationSummary(report({ terminated: TERMINATED, deferred: DEFERRED }));
    expect(summary?.subject).toBe('instance-reaper: 1 terminated, 0 errors');
    expect(summary?.message.split('\n')).toEqual([
      'instance-reaper terminated 1 instance(s), deferred 1, errors 0.',
      'terminated i-1 in web: max-age, ami-drift',
    ]);
  });

  it('is sent for errors alone, naming each error\'s code, group and instance', () => {
    const summary = notificationSummary(report({ errors: [...ERRORS, { code: 'read-failed' as const, message: 'blocked-AMIs parameter unreadable' }] }));
    expect(summary?.subject).toBe('instance-reaper: 0 terminated, 2 errors');
    expect(summary?.message).toContain('error write-failed api i-3: TerminateInstanceInAutoScalingGroup failed: denied');
    expect(summary?.message).toContain('error read-failed: blocked-AMIs parameter unreadable');
  });

  it('lists at most 20 errors but counts them all', () => {
    const errors = Array.from({ length: 25 }, (_, index) => ({ group: `g${index}`, code: 'write-failed' as const, message: 'boom' }));
    const summary = notificationSummary(report({ errors }));
    expect(summary?.subject).toBe('instance-reaper: 0 terminated, 25 errors');
    expect(summary?.message.split('\n').filter((line) => line.startsWith('error '))).toHaveLength(20);
  });
});
