import type { ErrorCode } from '../model/error-codes';
import type { RunReport } from '../model/report';
import type { FleetEvaluation } from '../policy/evaluation';
import { countBy } from '../util/count-by';
import { terminationCount } from './surge-removals';
import { fleetFreshness, freshnessFigures, type FreshnessFigures } from './freshness-metrics';
import { errorCodeCounts } from './report-lines';

/** The `source` of the run-summary event every run sends to the organization's central bus. */
export const RUN_SUMMARY_SOURCE = 'instance-reaper';

/** The `detail-type` of the run-summary event. */
export const RUN_SUMMARY_DETAIL_TYPE = 'Instance Reaper Run Summary';

/** Bumped when a field changes meaning or goes; new fields do not bump it. */
export const RUN_SUMMARY_SCHEMA_VERSION = 1;

/** The stalest groups a summary names: enough for a central "worst groups" table, small enough for any account. */
export const STALEST_GROUPS_LISTED = 10;

/** Error messages a summary carries, each cut to this many characters: the event stays far below EventBridge's 256 KB. */
export const ERRORS_LISTED = 10;
export const ERROR_MESSAGE_CHARS = 300;

export interface GroupSummary extends FreshnessFigures {
  readonly group: string;
  readonly instances: number;
}

/**
 * One run, in a few hundred bytes to a few KB whatever the size of the fleet: what a central view needs to say
 * which accounts are out of policy, and why. Account and region travel in the event's envelope (EventBridge sets
 * `account` to the sender's account) and again here, so a stored detail stands on its own.
 */
export interface RunSummary {
  readonly schemaVersion: number;
  readonly account?: string;
  readonly region?: string;
  readonly runAt: string;
  readonly dryRun: boolean;
  readonly scanned: { readonly groups: number; readonly instances: number };
  readonly terminated: number;
  /** Deferred instances counted by `why`; only the reasons that occurred. */
  readonly deferred: Readonly<Record<string, number>>;
  readonly unmanaged: number;
  readonly errors: number;
  /** The errors counted by code, only the codes that occurred: a list, so that a Logs Insights query can `unnest` it. */
  readonly errorsByCode: readonly { readonly code: ErrorCode; readonly errors: number }[];
  /** The first errors' messages, each prefixed by its group when it has one. */
  readonly errorMessages: readonly string[];
  readonly freshness: FreshnessFigures & { readonly instances: number };
  /** Groups with due instances, least within policy first, then oldest instance first. */
  readonly stalestGroups: readonly GroupSummary[];
}

export interface SummaryOrigin {
  readonly account?: string;
  readonly region?: string;
  readonly now: number;
}

function stalestGroups(evaluation: FleetEvaluation): GroupSummary[] {
  return evaluation.groups
    .filter((group) => group.freshness.due > 0)
    .map((group) => ({ group: group.group.name, instances: group.freshness.instances, ...freshnessFigures(group.freshness) }))
    .sort((a, b) => a.fleetWithinPolicyPercent - b.fleetWithinPolicyPercent || b.oldestInstanceAgeDays - a.oldestInstanceAgeDays || a.group.localeCompare(b.group))
    .slice(0, STALEST_GROUPS_LISTED);
}

/** The run's summary for the central view, from the report and the evaluation it was built from. */
export function buildRunSummary(report: RunReport, evaluation: FleetEvaluation, origin: SummaryOrigin): RunSummary {
  const fleet = fleetFreshness(evaluation);
  return {
    schemaVersion: RUN_SUMMARY_SCHEMA_VERSION,
    ...(origin.account ? { account: origin.account } : {}),
    ...(origin.region ? { region: origin.region } : {}),
    runAt: new Date(origin.now).toISOString(),
    dryRun: report.dryRun,
    scanned: report.scanned,
    terminated: terminationCount(report),
    deferred: countBy(report.deferred, (entry) => entry.why),
    unmanaged: report.unmanaged.length,
    errors: report.errors.length,
    errorsByCode: [...errorCodeCounts(report)].map(([code, errors]) => ({ code, errors })),
    errorMessages: report.errors
      .slice(0, ERRORS_LISTED)
      .map((error) => (error.group ? `${error.group}: ${error.message}` : error.message).slice(0, ERROR_MESSAGE_CHARS)),
    freshness: { instances: fleet.instances, ...freshnessFigures(fleet) },
    stalestGroups: stalestGroups(evaluation),
  };
}
