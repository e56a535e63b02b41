import { responseReport, MAX_RESPONSE_BYTES } from '../../lambda/report/response-report';
import { largeReport } from './large-report';

const LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;

describe('responseReport', () => {
  it('a report within the size is returned as it is, with no truncation', () => {
    const report = largeReport(50);

    expect(responseReport(report, 'req-1')).toBe(report);
  });

  it('10,000 groups: under Lambda\'s 6 MB response limit, saying what it left out and where the whole report is', () => {
    const report = largeReport(10_000);

    const response = responseReport(report, 'req-10000');

    expect(Buffer.byteLength(JSON.stringify(report))).toBeGreaterThan(LAMBDA_RESPONSE_LIMIT);
    expect(Buffer.byteLength(JSON.stringify(response))).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
    expect(MAX_RESPONSE_BYTES).toBeLessThan(LAMBDA_RESPONSE_LIMIT);
    expect(response.truncated).toEqual({
      runId: 'req-10000',
      counts: { terminated: 20_000, deferred: 60_000, unmanaged: 1_000, errors: 1_000, surges: 10_000, details: 80_000 },
    });
    expect(response.scanned).toEqual(report.scanned);
    expect(response.errors).toEqual(report.errors);
    expect(response.terminated).toEqual(report.terminated.slice(0, response.terminated.length));
    expect(response.terminated.every((entry) => response.details[entry.instanceId])).toBe(true);
    expect(Object.keys(response.details).length).toBeLessThan(80_000);
  });
});
