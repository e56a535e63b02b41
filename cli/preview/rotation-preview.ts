import type { DeferralReason } from '../../lambda/model/reasons';
import type { RunReport, SurgeAction } from '../../lambda/model/report';
import type { FleetEvaluation } from '../../lambda/policy/evaluation';
import type { RotationRequest } from '../rotation-request';

/** What the first run does with one instance. */
export type FirstRun = 'terminate' | `waits: ${DeferralReason}` | 'never: in no Auto Scaling group';

export interface PreviewRow {
  readonly group: string;
  readonly instanceId: string;
  readonly ageDays?: number;
  readonly imageId?: string;
  readonly reasons: readonly string[];
  readonly firstRun: FirstRun;
}

/** Everything the run `rotate` starts will change, decided as a dry run before anything is recorded. */
export interface RotationPreview {
  /** Instances the request makes due, and what the first run does with each. */
  readonly requested: readonly PreviewRow[];
  /** Of those, how many the first run terminates. */
  readonly rotateNow: number;
  /** Of those, how many wait, by why. */
  readonly waiting: Readonly<Partial<Record<DeferralReason, number>>>;
  /** Of those, how many are in no Auto Scaling group: reported, never touched. */
  readonly unmanaged: number;
  /** What the same run terminates besides the request: instances due anyway under the configured policy. */
  readonly alsoTerminated: readonly PreviewRow[];
  /** Launch-before-terminate steps the run takes (capacity added, given back). */
  readonly surges: readonly SurgeAction[];
  /** Every instance the run terminates, requested or not: what its report will list as terminated. */
  readonly terminates: readonly string[];
  readonly warnings: readonly string[];
}

/** Whether a listed instance is due because of this request (not an AMI blocked before, not another group's rotation, not another instance). */
function requestedBy(request: RotationRequest, report: RunReport): (entry: { instanceId: string; group?: string; reasons: readonly string[] }) => boolean {
  if (request.kind === 'amis') {
    const amis = new Set(request.amiIds);
    return (entry) => entry.reasons.includes('ami-blocked') && amis.has(report.details[entry.instanceId]?.imageId ?? '');
  }
  if (request.kind === 'instances') {
    const ids = new Set(request.instanceIds);
    return (entry) => entry.reasons.includes('targeted') && ids.has(entry.instanceId);
  }
  const groups = new Set(request.groups);
  return (entry) => entry.reasons.includes('rotation-requested') && groups.has(entry.group ?? '');
}

function rowsOf(report: RunReport): PreviewRow[] {
  const row = (group: string, instanceId: string, reasons: readonly string[], firstRun: FirstRun): PreviewRow => ({
    group,
    instanceId,
    ageDays: report.details[instanceId]?.ageDays,
    imageId: report.details[instanceId]?.imageId,
    reasons,
    firstRun,
  });
  return [
    ...report.terminated.map((e) => row(e.group, e.instanceId, e.reasons, 'terminate')),
    ...report.deferred.map((e) => row(e.group, e.instanceId, e.reasons, `waits: ${e.why}`)),
    ...report.unmanaged.map((e) => row('(none)', e.instanceId, e.reasons, 'never: in no Auto Scaling group')),
  ];
}

function waitingBy(report: RunReport, isRequested: ReturnType<typeof requestedBy>): Partial<Record<DeferralReason, number>> {
  const waiting: Partial<Record<DeferralReason, number>> = {};
  for (const entry of report.deferred.filter(isRequested)) waiting[entry.why] = (waiting[entry.why] ?? 0) + 1;
  return waiting;
}

/** Groups whose launch template still launches a blocked AMI would replace each instance with another blocked one, run after run. */
function launchingBlocked(evaluation: FleetEvaluation, request: RotationRequest): string[] {
  if (request.kind !== 'amis') return [];
  return evaluation.groups.flatMap(({ group }) => {
    const launched = [group.launchImages?.imageId, ...Object.values(group.launchImages?.imageIdByInstanceType ?? {})];
    const blocked = launched.filter((id): id is string => id !== undefined && request.amiIds.includes(id));
    return blocked.length > 0 ? [`group ${group.name} still launches ${[...new Set(blocked)].join(', ')}: its replacements would be blocked too; update its launch template first`] : [];
  });
}

/** Splits the dry run's report into the request and the rest of what the run does. */
export function rotationPreview(request: RotationRequest, report: RunReport, evaluation: FleetEvaluation): RotationPreview {
  const isRequested = requestedBy(request, report);
  const rows = rowsOf(report);
  const requestedIds = new Set([...report.terminated, ...report.deferred, ...report.unmanaged].filter(isRequested).map((entry) => entry.instanceId));
  const requested = rows.filter((row) => requestedIds.has(row.instanceId));
  return {
    requested,
    rotateNow: requested.filter((row) => row.firstRun === 'terminate').length,
    waiting: waitingBy(report, isRequested),
    unmanaged: report.unmanaged.filter(isRequested).length,
    alsoTerminated: rows.filter((row) => row.firstRun === 'terminate' && !requestedIds.has(row.instanceId)),
    surges: report.surges,
    terminates: report.terminated.map((entry) => entry.instanceId),
    warnings: launchingBlocked(evaluation, request),
  };
}
