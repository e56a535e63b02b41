import type { Logger } from '@aws-lambda-powertools/logger';
import type { RunReport } from '../model/report';
import { surgeRemovals } from './surge-removals';

/** One line per termination, surge removals included, then the whole report as one JSON line. */
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
  for (const removal of surgeRemovals(report)) {
    const what = removal.action === 'completed' ? 'gave back surge capacity' : 'rolled back surge';
    logger.info(report.dryRun ? `would terminate (${what})` : `terminated (${what})`, { ...removal });
  }
  logger.info('run report', { report });
}
