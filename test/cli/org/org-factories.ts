import type { DeferralReason, ReasonCode } from '../../../lambda/model/reasons';
import type { RunReport } from '../../../lambda/model/report';
import type { StatusData } from '../../../cli/commands/status-command';

export const NOW = Date.parse('2026-11-24T12:00:00Z');
export const MINUTE = 60_000;

export interface ReportSpec {
  readonly instances?: number;
  readonly dryRun?: boolean;
  readonly terminated?: readonly (readonly ReasonCode[])[];
  readonly deferred?: readonly { readonly reasons: readonly ReasonCode[]; readonly why: DeferralReason; readonly ageDays?: number }[];
  readonly unmanaged?: number;
  readonly errors?: number;
}

/** A run report with the given entries; instance IDs are made up, ages default to 40 days. */
export function makeReport(spec: ReportSpec = {}): RunReport {
  const terminated = (spec.terminated ?? []).map((reasons, index) => ({ instanceId: `i-t${index}`, group: 'web', reasons }));
  const deferred = (spec.deferred ?? []).map((entry, index) => ({ instanceId: `i-d${index}`, group: 'web', reasons: entry.reasons, why: entry.why }));
  const unmanaged = Array.from({ length: spec.unmanaged ?? 0 }, (_, index) => ({ instanceId: `i-u${index}`, reasons: ['max-age' as const] }));
  const ages: [string, number][] = [
    ...terminated.map((entry): [string, number] => [entry.instanceId, 40]),
    ...deferred.map((entry, index): [string, number] => [entry.instanceId, spec.deferred?.[index]?.ageDays ?? 40]),
    ...unmanaged.map((entry): [string, number] => [entry.instanceId, 200]),
  ];
  return {
    dryRun: spec.dryRun ?? false,
    scanned: { groups: 2, instances: spec.instances ?? 10 },
    terminated,
    deferred,
    unmanaged,
    errors: Array.from({ length: spec.errors ?? 0 }, (_, index) => ({ group: 'web', code: 'read-failed' as const, message: `error ${index}` })),
    details: Object.fromEntries(ages.map(([instanceId, ageDays]) => [instanceId, { ageDays, lifetimeDays: 28, imageId: 'ami-1' }])),
    surges: [],
  };
}

export interface StatusSpec {
  readonly report?: RunReport;
  /** How long ago the latest report was logged; default 5 minutes. */
  readonly reportAgeMs?: number;
  readonly state?: StatusData['state'];
  readonly schedule?: { readonly state: string; readonly expression?: string };
}

/** What `status` reads of a running deployment with a 15-minute schedule. */
export function makeStatus(spec: StatusSpec = {}): StatusData {
  const schedule = { name: 'InstanceReaper-Schedule', state: 'ENABLED', expression: 'rate(15 minutes)', ...spec.schedule };
  return {
    deployment: { functionName: 'reaper', functionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:reaper', environment: {}, logGroupName: '/aws/lambda/reaper', ruleNames: [schedule.name] },
    state: spec.state ?? 'running',
    schedules: [schedule],
    concurrency: 1,
    blocked: [],
    rotations: [],
    ...(spec.report ? { latest: { time: new Date(NOW - (spec.reportAgeMs ?? 5 * MINUTE)).toISOString(), report: spec.report } } : {}),
  };
}
