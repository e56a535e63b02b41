import type { Logger } from '@aws-lambda-powertools/logger';
import type { RunReport } from '../model/report';
import { RUN_REPORT_MESSAGE } from './report-lines';
import { splitReport } from './split-report';
import { surgeRemovals } from './surge-removals';

/**
 * One line per termination, surge removals included, then the whole report in parts (`run report`: a header
 * with the counts, then the entries), every line well under the size at which Lambda splits it, all naming `runId`.
 */
export function logReport(logger: Logger, report: RunReport, runId: string): void {
  for (const entry of report.terminated) {
    const detail = report.details[entry.instanceId];
    logger.info(report.dryRun ? 'would terminate' : 'terminated', {
      instanceId: entry.instanceId,
      group: entry.group,
      reasons: entry.reasons,
      ageDays: detail?.ageDays,
      imageId: detail?.imageId,
    });
  }
  for (const removal of surgeRemovals(report)) {
    const what = removal.action === 'completed' ? 'gave back surge capacity' : 'rolled back surge';
    logger.info(report.dryRun ? `would terminate (${what})` : `terminated (${what})`, { ...removal });
  }
  for (const line of splitReport(report, runId)) logger.info(RUN_REPORT_MESSAGE, { ...line });
}
