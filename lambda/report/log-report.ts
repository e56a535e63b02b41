import type { Logger } from '@aws-lambda-powertools/logger';
import type { RunReport } from '../model/report';

/** One line per termination, then the whole report as one JSON line. */
export function logReport(logger: Logger, report: RunReport): void {
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
  logger.info('run report', { report });
}
