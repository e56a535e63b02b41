import type { CliClients } from '../aws/cli-clients';
import { findDeployment, type Deployment, type DeploymentTarget } from '../aws/find-deployment';
import { readReservedConcurrency, readSchedules, type ScheduleState } from '../aws/function-control';
import { readLatestReport, type LoggedReport } from '../aws/latest-report';
import { readBlockedAmiList, readGroupRotations } from '../aws/rotation-intent';
import { deploymentTarget, type CommandContext } from '../command-context';
import { describeDeployment, loadDeployedEnv } from '../configured-policy';
import { describePolicy } from '../describe-policy';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { emergencyLeftAfterRun } from '../emergency-left';
import { summarizeReport } from '../format-report';

export type RunState = 'running' | 'paused' | 'partly paused';

/** Paused means both halves: a disabled schedule alone still lets manual runs through, concurrency 0 alone leaves failing scheduled runs. */
function runState(schedules: readonly ScheduleState[], concurrency: number | undefined): RunState {
  const scheduleOff = schedules.every((rule) => rule.state === 'DISABLED');
  const invokeOff = concurrency === 0;
  if (scheduleOff && invokeOff) return 'paused';
  return scheduleOff || invokeOff ? 'partly paused' : 'running';
}

function policyLines(deployment: Deployment): string[] {
  try {
    return describePolicy(loadDeployedEnv(deployment));
  } catch (error) {
    return [`MISCONFIGURED: ${(error as Error).message}`];
  }
}

const keyValues = (pairs: readonly (readonly [string, string])[]): string => pairs.map(([key, value]) => `${key.padEnd(13)}${value}`).join('\n');

/** What `status` reads of one deployment; `status --org` reads the same in every member account. */
export interface StatusData {
  readonly deployment: Deployment;
  readonly state: RunState;
  readonly schedules: readonly ScheduleState[];
  readonly concurrency?: number;
  readonly blockedAmisParameter?: string;
  readonly blocked: readonly string[];
  /** When the blocked-AMIs list last changed (ISO time). */
  readonly blockedModified?: string;
  readonly rotations: Awaited<ReturnType<typeof readGroupRotations>>;
  readonly latest?: LoggedReport;
}

/** Schedule, concurrency, the emergency intent in force, and the latest run's report. Reads only. */
export async function readStatus(clients: CliClients, target: DeploymentTarget, now: number): Promise<StatusData> {
  const deployment = await findDeployment(clients, target);
  const schedules = await readSchedules(clients, deployment);
  const concurrency = await readReservedConcurrency(clients, deployment.functionName);
  const parameter = deployment.blockedAmisParameterName;
  const list = parameter ? await readBlockedAmiList(clients, parameter) : undefined;
  const rotations = await readGroupRotations(clients);
  const latest = await readLatestReport(clients, deployment.logGroupName, now);
  const blocked = { blocked: list?.amiIds ?? [], ...(list?.modified ? { blockedModified: list.modified } : {}) };
  return { deployment, state: runState(schedules, concurrency), schedules, concurrency, blockedAmisParameter: parameter, ...blocked, rotations, latest };
}

/** Requests recorded after the latest run: its Emergency left does not count them (nor a withdrawal), so it is not given. */
export function requestsAfterRun(status: StatusData): string[] {
  const ran = Date.parse(status.latest?.time ?? '');
  const after = (time: string | undefined): time is string => time !== undefined && Date.parse(time) > ran;
  return [
    ...(after(status.blockedModified) ? [`blocked AMIs changed at ${status.blockedModified}`] : []),
    ...status.rotations.filter((rotation) => after(rotation.before)).map((rotation) => `rotation of ${rotation.group} requested at ${rotation.before}`),
  ];
}

function latestRunLines(status: StatusData, newer: readonly string[]): [string, string][] {
  const { latest } = status;
  if (!latest) return [['Latest run', 'no report logged in the last 14 days']];
  const left = newer.length > 0 ? undefined : emergencyLeftAfterRun(latest.report);
  const line: [string, string] = ['Latest run', `${latest.time}: ${summarizeReport(latest.report, 'done', left)}`];
  if (newer.length === 0) return [line];
  return [line, ['', `Emergency left: not counted by this run, which was before the ${newer.join(', the ')}; 'instance-reaper plan' counts it now.`]];
}

/** Schedule, concurrency, configured policy, the emergency intent in force, and the latest run's report. */
export async function statusCommand(context: CommandContext): Promise<ExitCode> {
  const status = await readStatus(context.clients, deploymentTarget(context.options), context.io.now());
  const { deployment, state, schedules, concurrency, blockedAmisParameter: parameter, blocked, rotations, latest } = status;
  const newer = requestsAfterRun(status);
  const human = keyValues([
    ['Function', describeDeployment(deployment)],
    ['State', state === 'running' ? 'running' : state.toUpperCase()],
    ['Schedule', schedules.map((rule) => `${rule.name} ${rule.state} ${rule.expression ?? ''}`.trim()).join('; ') || 'none found'],
    ['Concurrency', concurrency === undefined ? 'unreserved' : `${concurrency} reserved`],
    ['Policy', policyLines(deployment).join('; ')],
    ['Blocked AMIs', `${blocked.length > 0 ? blocked.join(', ') : 'none'}${parameter ? ` (${parameter})` : ''}`],
    ['Rotations', rotations.length > 0 ? rotations.map((rotation) => `${rotation.group} before ${rotation.before}`).join(', ') : 'none'],
    ...latestRunLines(status, newer),
  ]);
  const latestRun = latest ? { time: latest.time, emergencyLeft: newer.length > 0 ? null : emergencyLeftAfterRun(latest.report), requestsAfter: newer, report: latest.report } : null;
  const data = { function: deployment.functionName, stack: deployment.stackName, state, schedules, reservedConcurrency: concurrency ?? null, environment: deployment.environment, blockedAmis: blocked, rotations, latestRun };
  context.output.result(human, data);
  return EXIT_CODES.ok;
}
