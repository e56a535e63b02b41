import { formatReport, formatReportErrors, summarizeReport } from '../../cli/format-report';
import type { RunReport } from '../../lambda/model/report';
import { responseReport } from '../../lambda/report/response-report';
import { largeReport } from '../report/large-report';

describe('a report the function summarised for its size', () => {
  const truncated = responseReport(largeReport(200), 'req-big', 60_000);

  it('totals the whole report\'s counts, not the entries the response kept', () => {
    expect(truncated.terminated.length).toBeLessThan(400);
    expect(summarizeReport(truncated, 'done', undefined)).toBe('Scanned 200 groups, 2000 instances; due 1620: terminated 400, deferred 1200, unmanaged 20; errors 20 (read-failed 20).');
  });

  it('says the table lists the first entries only, and where the whole report is', () => {
    const text = formatReport(truncated, 'done', 0);

    expect(text).toContain(`The response lists every error and the first ${truncated.terminated.length} entries of each other list; the whole report is in the function's 'run report' log lines of run req-big ('instance-reaper status' reads it).`);
  });

  it('a whole report says nothing of it', () => {
    expect(formatReport(largeReport(2), 'done', 0)).not.toContain('whole report');
  });
});

describe('errors by code', () => {
  const report: RunReport = {
    ...largeReport(0),
    errors: [
      { group: 'web', code: 'read-denied', message: 'instance refreshes could not be read: AccessDenied' },
      { group: 'api', code: 'alarm-unknown', message: 'alarm api-5xx does not exist' },
      { group: 'db', instanceId: 'i-1', code: 'read-denied', message: 'target health could not be read: AccessDenied' },
      { code: 'notify-failed', message: 'run summary not published' },
    ],
  };

  it('the totals count the errors of each code, in order of first appearance', () => {
    expect(summarizeReport(report, 'done', undefined)).toContain('errors 4 (read-denied 2, alarm-unknown 1, notify-failed 1).');
  });

  it('lists the errors grouped under their code and its count', () => {
    expect(formatReportErrors(report).split('\n')).toEqual([
      'Errors by code:',
      '  read-denied (2):',
      '    web: instance refreshes could not be read: AccessDenied',
      '    db i-1: target health could not be read: AccessDenied',
      '  alarm-unknown (1):',
      '    api: alarm api-5xx does not exist',
      '  notify-failed (1):',
      '    run: run summary not published',
    ]);
  });
});
