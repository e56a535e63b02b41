import { RUN_SUMMARY_SOURCE } from '../../lambda/report/run-summary';

/**
 * Logs Insights queries of the central log group, where each log event is one whole run-summary event as EventBridge
 * delivers it: `account` (set by EventBridge to the sender's account), `region`, `time`, and the RunSummary under
 * `detail`. Logs Insights discovers the JSON fields, so `detail.freshness.fleetWithinPolicyPercent` is a field. The
 * envelope's `region` is where PutEvents was called, which is the bus's own region (the function sends through the
 * bus's regional endpoint), so the reaper's region is the summary's own `detail.region`.
 */
const SUMMARIES = `filter source = "${RUN_SUMMARY_SOURCE}"`;

/** Each account and region's latest fleet figures, least within policy first. */
export const FLEET_FRESHNESS_QUERY = [
  SUMMARIES,
  'stats latest(detail.freshness.fleetWithinPolicyPercent) as withinPolicyPercent, latest(detail.freshness.instances) as instances,' +
    ' latest(detail.freshness.instancesPastLifetime) as pastLifetime, latest(detail.freshness.instancesOnStaleAmi) as onStaleAmi,' +
    ' latest(detail.freshness.oldestInstanceAgeDays) as oldestDays, latest(detail.dryRun) as dryRun, latest(@timestamp) as lastReport by account, detail.region',
  'sort withinPolicyPercent asc',
].join('\n| ');

/**
 * The stalest groups of the organization: every summary's `stalestGroups`, one row per group with its latest figures
 * (`unnest` expands a list that `jsonParse` read, "unnest", CloudWatch Logs User Guide). A group that became fresh
 * drops out of newer summaries, so it keeps its last stale figures until it leaves the dashboard's time range.
 */
export const STALEST_GROUPS_QUERY = [
  SUMMARIES,
  'fields jsonParse(@message) as event',
  'unnest event.detail.stalestGroups into stale',
  'stats latest(stale.fleetWithinPolicyPercent) as withinPolicyPercent, latest(stale.oldestInstanceAgeDays) as oldestDays,' +
    ' latest(stale.instancesPastLifetime) as pastLifetime, latest(stale.instances) as instances by account, detail.region, stale.group',
  'sort withinPolicyPercent asc, oldestDays desc',
  'limit 25',
].join('\n| ');

/** Runs that reported errors, newest first, with the first error's message. */
export const RUNS_WITH_ERRORS_QUERY = [
  SUMMARIES,
  'filter detail.errors > 0',
  'fields @timestamp, account, detail.region, detail.errors as errors, detail.errorMessages.0 as firstError',
  'sort @timestamp desc',
  'limit 50',
].join('\n| ');

/**
 * The organization's errors counted by code (`errorsByCode`, see lambda/model/error-codes.ts), per account and region, over
 * the time range: how often each kind of failure happened and in how many runs, most first. No message is parsed.
 */
export const ERRORS_BY_CODE_QUERY = [
  SUMMARIES,
  'fields jsonParse(@message) as event',
  'unnest event.detail.errorsByCode into kind',
  'stats sum(kind.errors) as errors, count(*) as runs by kind.code, account, detail.region',
  'sort errors desc',
  'limit 100',
].join('\n| ');

/**
 * Each account and region's latest summary, oldest first: those at the top that are older than the silence threshold
 * have stopped reporting (a run that fails before its end sends no summary, so failing runs show here too). Logs
 * Insights has no "now", so the threshold is in the widget's title rather than in a filter.
 */
export const LAST_REPORT_QUERY = [SUMMARIES, 'stats latest(@timestamp) as lastReport, count(*) as summaries by account, detail.region', 'sort lastReport asc', 'limit 100'].join('\n| ');
