import { RUN_REPORT_MESSAGE } from '../../../lambda/report/report-lines';
import { responseReport } from '../../../lambda/report/response-report';
import { splitReport } from '../../../lambda/report/split-report';
import { runCaptured } from '../../../local/simulation/run-captured';
import { largeReport } from '../../report/large-report';

/** A handler that logs the report in parts, as the function does, and returns it summarised past `maxBytes`. */
const handlerLogging = (maxBytes: number) => async () => {
  const report = largeReport(300);
  for (const line of splitReport(report, 'req-sim', 20_000)) process.stdout.write(`${JSON.stringify({ level: 'INFO', message: RUN_REPORT_MESSAGE, ...line })}\n`);
  return Promise.resolve(responseReport(report, 'req-sim', maxBytes));
};

describe('runCaptured', () => {
  it('a response summarised for its size: the run\'s report is the whole one, reassembled from its logged parts', async () => {
    const run = await runCaptured(handlerLogging(50_000), {});

    expect(run.report).toEqual(largeReport(300));
    expect(run.report?.truncated).toBeUndefined();
  });

  it('a response returned whole: the response itself', async () => {
    const run = await runCaptured(handlerLogging(10_000_000), {});

    expect(run.report).toEqual(largeReport(300));
  });
});
