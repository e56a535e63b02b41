import { assembleReport, readReportLine } from '../../lambda/report/assemble-report';
import { LocalReaper, seedGroup } from './local-reaper';

let reaper: LocalReaper | undefined;
afterEach(async () => reaper?.close());

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The log lines that are JSON objects. */
const jsonLines = (logs: string): Record<string, unknown>[] =>
  logs.split('\n').flatMap((line) => {
    try {
      const parsed: unknown = JSON.parse(line);
      return isRecord(parsed) ? [parsed] : [];
    } catch {
      return [];
    }
  });

describe('the deployed bundle on the wire: the report', () => {
  it('logs the report it returns in parts, a header and its entries, that reassemble to it', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'web', [40, 1]);
    });

    const invocation = await reaper.invokeRaw();
    const reportLines = jsonLines(invocation.logs).flatMap((line) => readReportLine(line) ?? []);

    expect(invocation.error).toBeUndefined();
    expect(reportLines.map((line) => [line.part, line.parts])).toEqual([[1, 2], [2, 2]]);
    expect(assembleReport(reportLines)).toEqual(invocation.result);
    expect(invocation.result).toMatchObject({ dryRun: false, scanned: { groups: 1, instances: 2 }, terminated: [expect.objectContaining({ group: 'web' })] });
  });
});
