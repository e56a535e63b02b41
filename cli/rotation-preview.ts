import type { ReaperEnv } from '../lambda/config/env-schema';
import { mergeRunPolicy, parseEvent } from '../lambda/config/load-run-policy';
import { simulatePlan } from '../lambda/execute/execute-plan';
import type { GroupSnapshot } from '../lambda/model/fleet';
import type { RunReport } from '../lambda/model/report';
import type { FleetEvaluation } from '../lambda/policy/evaluation';
import { buildReport } from '../lambda/report/build-report';
import { decideRun } from '../lambda/run-reaper';
import { withProgress, type CommandContext } from './command-context';
import { formatTable } from './format-table';

/** An instance the request will rotate, and what the run started right after it will do with it. */
export interface PreviewRow {
  readonly group: string;
  readonly instanceId: string;
  readonly ageDays?: number;
  readonly imageId?: string;
  readonly firstRun: string;
}

export interface RotationPreview {
  readonly rows: readonly PreviewRow[];
  readonly warnings: readonly string[];
}

/** Runs the function's decision as a dry run with the given emergency overrides. */
async function decide(context: CommandContext, env: ReaperEnv, event: Record<string, unknown>): Promise<{ report: RunReport; evaluation: FleetEvaluation }> {
  const settings = mergeRunPolicy(env, parseEvent({ ...event, dryRun: true }));
  return withProgress(context, 'Reading the fleet', async () => {
    const { plan, evaluation } = await decideRun(context.clients, settings, context.io.now());
    return { report: buildReport(plan, simulatePlan(plan)), evaluation };
  });
}

function previewRows(report: RunReport, include: (instanceId: string, reasons: readonly string[]) => boolean): PreviewRow[] {
  const row = (group: string, instanceId: string, firstRun: string): PreviewRow => ({
    group,
    instanceId,
    ageDays: report.details[instanceId]?.ageDays,
    imageId: report.details[instanceId]?.imageId,
    firstRun,
  });
  return [
    ...report.terminated.filter((e) => include(e.instanceId, e.reasons)).map((e) => row(e.group, e.instanceId, 'terminate')),
    ...report.deferred.filter((e) => include(e.instanceId, e.reasons)).map((e) => row(e.group, e.instanceId, `waits: ${e.why}`)),
    ...report.unmanaged.filter((e) => include(e.instanceId, e.reasons)).map((e) => row('(none)', e.instanceId, 'never: in no Auto Scaling group')),
  ];
}

/**
 * Every current member of the groups is due once the rotate-before tag is written. The preview
 * targets them by ID: `targeted`, like `rotation-requested`, is an emergency reason, so the first
 * run's choices (budgets, holds, no window) are the ones the tag will produce.
 */
export async function previewGroupRotation(context: CommandContext, env: ReaperEnv, groups: readonly GroupSnapshot[]): Promise<RotationPreview> {
  const members = new Set(groups.flatMap((group) => group.members.map((member) => member.instanceId)));
  const event = { groups: groups.map((group) => group.name), instanceIds: [...members] };
  const { report } = await decide(context, env, event);
  return { rows: previewRows(report, (instanceId) => members.has(instanceId)), warnings: [] };
}

/** Groups whose launch template still launches a blocked AMI would replace each instance with another blocked one, run after run. */
function launchingBlocked(evaluation: FleetEvaluation, amiIds: readonly string[]): string[] {
  return evaluation.groups.flatMap(({ group }) => {
    const launched = [group.launchImages?.imageId, ...Object.values(group.launchImages?.imageIdByInstanceType ?? {})];
    const blocked = launched.filter((id): id is string => id !== undefined && amiIds.includes(id));
    return blocked.length > 0 ? [`group ${group.name} still launches ${[...new Set(blocked)].join(', ')}: its replacements would be blocked too; update its launch template first`] : [];
  });
}

export async function previewAmiRotation(context: CommandContext, env: ReaperEnv, amiIds: readonly string[]): Promise<RotationPreview> {
  const { report, evaluation } = await decide(context, env, { amiIds });
  return { rows: previewRows(report, (_id, reasons) => reasons.includes('ami-blocked')), warnings: launchingBlocked(evaluation, amiIds) };
}

export function formatPreview(preview: RotationPreview): string {
  if (preview.rows.length === 0) return 'No instance to rotate now.';
  const rows = preview.rows.map((row) => [row.group, row.instanceId, row.ageDays === undefined ? '?' : `${row.ageDays.toFixed(1)}d`, row.imageId ?? '?', row.firstRun]);
  return formatTable(['GROUP', 'INSTANCE', 'AGE', 'AMI', 'FIRST RUN'], rows);
}
