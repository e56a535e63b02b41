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
import { dryRunAsRecorded } from '../preview/as-if-recorded';
import { previewMismatch } from '../preview/compare-run';
import { formatPreview } from '../preview/format-preview';
import { rotationPreview, type RotationPreview } from '../preview/rotation-preview';
import { rotationRequest, type RotationRequest } from '../rotation-request';

interface Recorded {
  readonly what: string;
  readonly data: Record<string, unknown>;
}

/** Makes the request outlive this command: the function reads it on every run until it is done (or withdrawn). */
async function record(context: CommandContext, deployment: Deployment, request: RotationRequest, before: string): Promise<Recorded> {
  if (request.kind === 'groups') {
    await requestGroupRotation(context.clients, request.groups, before);
    return { what: `tag ${TAG.rotateBefore}=${before} on ${request.groups.join(', ')}`, data: { groups: request.groups, rotateBefore: before } };
  }
  const parameter = deployment.blockedAmisParameterName ?? '';
  const blocked = await blockAmis(context.clients, parameter, request.amiIds);
  return { what: `${request.amiIds.join(', ')} in ${parameter} (now blocked: ${blocked.join(', ')})`, data: { amiIds: request.amiIds, parameter, blockedAmis: blocked } };
}

function showPreview(context: CommandContext, env: ReaperEnv, rotation: RotationPreview, paused: boolean): void {
  context.output.info(`${formatPreview(rotation, !env.REAPER_DRY_RUN)}\n`);
  for (const warning of rotation.warnings) context.output.note(`Warning: ${warning}`);
  if (paused) context.output.note("Warning: the reaper is paused: the request is recorded, but nothing runs until 'instance-reaper resume'.");
}

function question(deployment: Deployment, rotation: RotationPreview, paused: boolean): string {
  if (paused) return `Record the request for ${describeDeployment(deployment)}, which is paused?`;
  return `Record the request and start a run of ${describeDeployment(deployment)} now (it terminates ${rotation.terminates.length} instance(s))?`;
}

/** A paused function refuses the invocation, and Lambda's refusal is retried as throttling for a minute: better not to ask. */
async function invokeAfterRecording(context: CommandContext, deployment: Deployment, recorded: Recorded, paused: boolean): Promise<RunReport> {
  if (paused) throw new CommandFailedError(`Recorded ${recorded.what}, but the reaper is paused: nothing runs until 'instance-reaper resume', and rotation starts then.`);
  try {
    // The empty event: the configured policy, which now reads the request. The preview decided exactly this run.
    return await invokeFunction(context.clients, deployment.functionName);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new CommandFailedError(`Recorded ${recorded.what}; scheduled runs will carry it out. Starting a run now failed: ${why}`, { cause: error });
  }
}

function namedTargets(request: RotationRequest) {
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
  // Taken before the fleet is read, so every instance the preview shows was launched before the recorded time.
  const before = new Date(context.io.now()).toISOString();
  const dryRun = await dryRunAsRecorded(context, env, request, before);
  const rotation = rotationPreview(request, dryRun.report, dryRun.evaluation);
  showPreview(context, env, rotation, paused);
  if (!context.options.yes && !(await confirm(context.io, question(deployment, rotation, paused)))) {
    context.output.note('Nothing changed.');
    return EXIT_CODES.failure;
  }
  const recorded = await record(context, deployment, request, before);
  context.output.info(`Recorded ${recorded.what}.\nInvoking ${deployment.functionName} to start now...`);
  const report = await invokeAfterRecording(context, deployment, recorded, paused);
  const mismatch = previewMismatch(rotation, report);
  if (mismatch) context.output.note(`Warning: ${mismatch}`);
  const human = `${formatReport(report, 'done', emergencyLeftAfterRun(report))}\n\nLater runs go on until every instance is replaced; watch with 'instance-reaper status' and 'instance-reaper plan'.`;
  const data = { function: deployment.functionName, stack: deployment.stackName, requested: recorded.data, preview: rotation, report, matchesPreview: mismatch === undefined };
  context.output.result(human, data);
  return EXIT_CODES.ok;
}
