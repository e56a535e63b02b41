import type { ReaperEnv } from '../../lambda/config/env-schema';
import type { RunReport } from '../../lambda/model/report';
import { TAG } from '../../lambda/policy/tag-keys';
import { findDeployment, type Deployment } from '../aws/find-deployment';
import { invokeFunction, readReservedConcurrency } from '../aws/function-control';
import { blockAmis, requestGroupRotation } from '../aws/rotation-intent';
import { deploymentTarget, type CommandContext } from '../command-context';
import { describeDeployment, loadDeployedEnv } from '../configured-policy';
import { confirm } from '../confirm';
import { emergencyLeftAfterRun } from '../emergency-left';
import { CommandFailedError } from '../errors';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { formatReport } from '../format-report';
import { checkNamedTargets } from '../named-targets';
import { dryRunAsRecorded, invocationEvent } from '../preview/as-if-recorded';
import { previewMismatch } from '../preview/compare-run';
import { formatPreview } from '../preview/format-preview';
import { rotationPreview, type RotationPreview } from '../preview/rotation-preview';
import { rotationRequest, type RotationRequest } from '../rotation-request';

interface Recorded {
  readonly what: string;
  readonly data: Record<string, unknown>;
}

/** Makes the request outlive this command: the function reads it on every run until it is done (or withdrawn). Instances are never recorded: the run's event names them. */
async function record(context: CommandContext, deployment: Deployment, request: RotationRequest, before: string): Promise<Recorded | undefined> {
  if (request.kind === 'instances') return undefined;
  if (request.kind === 'groups') {
    await requestGroupRotation(context.clients, request.groups, before);
    return { what: `tag ${TAG.rotateBefore}=${before} on ${request.groups.join(', ')}`, data: { groups: request.groups, rotateBefore: before } };
  }
  const parameter = deployment.blockedAmisParameterName ?? '';
  const blocked = await blockAmis(context.clients, parameter, request.amiIds);
  return { what: `${request.amiIds.join(', ')} in ${parameter} (now blocked: ${blocked.join(', ')})`, data: { amiIds: request.amiIds, parameter, blockedAmis: blocked } };
}

const PAUSED = "the reaper is paused: nothing runs until 'instance-reaper resume'.";
const ONE_RUN = 'An instance request is not recorded: only the run started now targets these instances; one that waits is not rotated by later runs unless it is due anyway (rotate it again).';

/** Said before anything is read at length: a paused reaper runs nothing, so an instance request (one run, never recorded) would do nothing at all. */
function checkPaused(context: CommandContext, request: RotationRequest, paused: boolean): void {
  if (!paused) return;
  if (request.kind === 'instances') throw new CommandFailedError(`${PAUSED} An instance request is not recorded, so nothing was changed; resume first, then rotate the instances.`);
  context.output.info(`The reaper is paused: nothing runs until 'instance-reaper resume'. The request is recorded now, and rotation starts when it resumes.`);
}

function showPreview(context: CommandContext, env: ReaperEnv, request: RotationRequest, rotation: RotationPreview): void {
  context.output.info(`${formatPreview(rotation, !env.REAPER_DRY_RUN)}${request.kind === 'instances' ? `\n${ONE_RUN}` : ''}\n`);
  for (const warning of rotation.warnings) context.output.note(`Warning: ${warning}`);
}

function question(deployment: Deployment, request: RotationRequest, rotation: RotationPreview, paused: boolean): string {
  const terminates = `(it terminates ${rotation.terminates.length} instance(s))`;
  if (request.kind === 'instances') return `Start a run of ${describeDeployment(deployment)} now, targeting ${request.instanceIds.length} instance(s) ${terminates}?`;
  if (paused) return `Record the request for ${describeDeployment(deployment)}, which is paused?`;
  return `Record the request and start a run of ${describeDeployment(deployment)} now ${terminates}?`;
}

/** A paused function refuses the invocation, and Lambda's refusal is retried as throttling for a minute: better not to ask. */
async function invokeAfterRecording(context: CommandContext, deployment: Deployment, request: RotationRequest, recorded: Recorded | undefined, paused: boolean): Promise<RunReport> {
  if (paused) throw new CommandFailedError(`Recorded ${recorded?.what ?? 'nothing'}, but the reaper is paused: nothing runs until 'instance-reaper resume', and rotation starts then.`);
  try {
    // The configured policy, which now reads the request (instances: the event names them). The preview decided exactly this run.
    return await invokeFunction(context.clients, deployment.functionName, invocationEvent(request));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const before = recorded ? `Recorded ${recorded.what}; scheduled runs will carry it out. ` : 'Nothing was recorded. ';
    throw new CommandFailedError(`${before}Starting a run now failed: ${why}`, { cause: error });
  }
}

function namedTargets(request: RotationRequest) {
  if (request.kind === 'instances') return { instanceIds: request.instanceIds };
  return request.kind === 'groups' ? { groups: request.groups } : { amiIds: request.amiIds };
}

/**
 * Emergency rotation: preview, confirm, record the intent (group tag or blocked-AMIs parameter), then run the
 * function once so rotation starts now. The preview is a dry run of that very run (the configured policy over the
 * whole fleet, the request counted as recorded), so it shows everything the run changes, the request's instances and
 * whatever else is due anyway. Later runs keep going until it is finished.
 */
export async function rotateCommand(context: CommandContext): Promise<ExitCode> {
  const request = rotationRequest(context.options);
  const deployment = await findDeployment(context.clients, deploymentTarget(context.options));
  const env = loadDeployedEnv(deployment);
  if (request.kind === 'amis' && !deployment.blockedAmisParameterName) {
    throw new CommandFailedError(`${describeDeployment(deployment)} has no blocked-AMIs parameter (REAPER_BLOCKED_AMIS_PARAMETER); use --group instead`);
  }
  await checkNamedTargets(context, namedTargets(request));
  const paused = (await readReservedConcurrency(context.clients, deployment.functionName)) === 0;
  checkPaused(context, request, paused);
  // Taken before the fleet is read, so every instance the preview shows was launched before the recorded time.
  const before = new Date(context.io.now()).toISOString();
  const dryRun = await dryRunAsRecorded(context, env, request, before);
  const rotation = rotationPreview(request, dryRun.report, dryRun.evaluation);
  showPreview(context, env, request, rotation);
  if (!context.options.yes && !(await confirm(context.io, question(deployment, request, rotation, paused)))) {
    context.output.note('Nothing changed.');
    return EXIT_CODES.failure;
  }
  const recorded = await record(context, deployment, request, before);
  const event = invocationEvent(request);
  context.output.info(`${recorded ? `Recorded ${recorded.what}.` : 'Nothing to record.'}\nInvoking ${deployment.functionName}${recorded ? '' : ` with ${JSON.stringify(event)}`} to start now...`);
  const report = await invokeAfterRecording(context, deployment, request, recorded, paused);
  const mismatch = previewMismatch(rotation, report);
  if (mismatch) context.output.note(`Warning: ${mismatch}`);
  const human = `${formatReport(report, 'done', emergencyLeftAfterRun(report))}\n\nLater runs go on until every instance is replaced; watch with 'instance-reaper status' and 'instance-reaper plan'.`;
  const data = { function: deployment.functionName, stack: deployment.stackName, requested: recorded?.data ?? event, preview: rotation, report, matchesPreview: mismatch === undefined };
  context.output.result(human, data);
  return EXIT_CODES.ok;
}
