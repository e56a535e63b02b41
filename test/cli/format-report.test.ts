import { formatReport, summarizeReport } from '../../cli/format-report';
import { responseReport } from '../../lambda/report/response-report';
import { largeReport } from '../report/large-report';

describe('a report the function summarised for its size', () => {
  const truncated = responseReport(largeReport(200), 'req-big', 60_000);

  it('totals the whole report\'s counts, not the entries the response kept', () => {
    expect(truncated.terminated.length).toBeLessThan(400);
    expect(summarizeReport(truncated, 'done', undefined)).toBe('Scanned 200 groups, 2000 instances; due 1620: terminated 400, deferred 1200, unmanaged 20; errors 20.');
  });

  it('says the table lists the first entries only, and where the whole report is', () => {
    const text = formatReport(truncated, 'done', 0);

    expect(text).toContain(`The response lists every error and the first ${truncated.terminated.length} entries of each other list; the whole report is in the function's 'run report' log lines of run req-big ('instance-reaper status' reads it).`);
  });

  it('a whole report says nothing of it', () => {
    expect(formatReport(largeReport(2), 'done', 0)).not.toContain('whole report');
  });
});
