import { Logger } from '@aws-lambda-powertools/logger';
import type { RunReport } from '../../lambda/model/report';
import { assembleReport, readReportLine } from '../../lambda/report/assemble-report';
import { logReport } from '../../lambda/report/log-report';
import { RUN_REPORT_MESSAGE } from '../../lambda/report/report-lines';
import { captureStdout } from '../../local/simulation/capture-stdout';
import { parseLogLines } from '../../local/simulation/run-captured';
import { largeReport } from './large-report';

const LINE_LIMIT = 200_000;

/** What a Powertools logger writes to stdout while the report is logged: the raw lines, as Lambda would ship them. */
async function loggedLines(report: RunReport, runId: string): Promise<string[]> {
  const { written } = await captureStdout(() => logReport(new Logger({ serviceName: 'instance-reaper', logLevel: 'INFO' }), report, runId));
  return written.split('\n').filter((line) => line.length > 0);
}

const reportLinesOf = (lines: readonly string[]) =>
  parseLogLines(lines.join('\n')).filter((line) => line.message === RUN_REPORT_MESSAGE).flatMap((line) => readReportLine(line) ?? []);

describe('logReport', () => {
  it('5,000 groups: every line at most 200 KB and JSON on its own, and the report reassembles whole from them', async () => {
    const report = largeReport(5_000);

    const lines = await loggedLines(report, 'req-5000');
    const parts = reportLinesOf(lines);

    expect(Buffer.byteLength(JSON.stringify(report))).toBeGreaterThan(4_000_000);
    expect(Math.max(...lines.map((line) => Buffer.byteLength(line)))).toBeLessThanOrEqual(LINE_LIMIT);
    expect(parts.length).toBeGreaterThan(20);
    expect(parts.every((part) => part.runId === 'req-5000' && part.parts === parts.length)).toBe(true);
    expect(assembleReport(parts)).toEqual(report);
  });

  it('a small report: one header line, part 1 of 2, with the counts, and one part with the entries', async () => {
    const report = largeReport(2);

    const parts = reportLinesOf(await loggedLines(report, 'req-small'));

    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatchObject({ runId: 'req-small', part: 1, parts: 2, header: { dryRun: false, scanned: { groups: 2, instances: 20 }, counts: { terminated: 4, deferred: 12, unmanaged: 1, errors: 1, surges: 2, details: 16 } } });
    expect(assembleReport(parts)).toEqual(report);
  });

  it('the header counts the errors by code, only the codes that occurred, so no query parses a message', async () => {
    const report: RunReport = {
      ...largeReport(0),
      errors: [
        { group: 'web', code: 'read-denied', message: 'DescribeInstanceRefreshes failed: AccessDenied' },
        { group: 'api', code: 'alarm-unknown', message: 'alarm api-5xx does not exist' },
        { group: 'db', code: 'read-denied', message: 'DescribeTargetHealth failed: AccessDenied' },
      ],
    };

    const [header] = reportLinesOf(await loggedLines(report, 'req-codes'));

    expect(header?.header?.errorsByCode).toEqual({ 'read-denied': 2, 'alarm-unknown': 1 });
    expect(header?.header?.counts.errors).toBe(3);
  });

  it('a report with nothing in it: the header alone', async () => {
    const report: RunReport = { dryRun: true, scanned: { groups: 0, instances: 0 }, terminated: [], deferred: [], unmanaged: [], errors: [], details: {}, surges: [] };

    const parts = reportLinesOf(await loggedLines(report, 'req-empty'));

    expect(parts).toEqual([expect.objectContaining({ part: 1, parts: 1, header: expect.objectContaining({ errorsByCode: {} }) })]);
    expect(assembleReport(parts)).toEqual(report);
  });

  it.each([
    ['a part missing', (parts: ReturnType<typeof reportLinesOf>) => parts.filter((part) => part.part !== 2)],
    ['the header missing', (parts: ReturnType<typeof reportLinesOf>) => parts.filter((part) => part.part !== 1)],
    ['parts of another run mixed in', (parts: ReturnType<typeof reportLinesOf>) => [...parts, { ...parts[1]!, runId: 'other' }]],
  ])('does not assemble a report with %s', async (_title, tamper) => {
    const parts = reportLinesOf(await loggedLines(largeReport(300), 'req-300'));

    expect(parts.length).toBeGreaterThan(2);
    expect(assembleReport(tamper(parts))).toBeUndefined();
  });
});
