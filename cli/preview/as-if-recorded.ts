import { DescribeAutoScalingGroupsCommand, type AutoScalingClient, type DescribeAutoScalingGroupsCommandOutput } from '@aws-sdk/client-auto-scaling';
import type { ReaperEnv } from '../../lambda/config/env-schema';
import { RAW_READING } from '../../lambda/inventory/raw-page-reading';
import { mergeRunPolicy, parseEvent } from '../../lambda/config/load-run-policy';
import { simulatePlan } from '../../lambda/execute/execute-plan';
import type { RunReport } from '../../lambda/model/report';
import type { FleetEvaluation } from '../../lambda/policy/evaluation';
import { TAG } from '../../lambda/policy/tag-keys';
import { buildReport } from '../../lambda/report/build-report';
import { decideRun } from '../../lambda/run-reaper';
import type { CliClients } from '../aws/cli-clients';
import { withProgress, type CommandContext } from '../command-context';
import type { RotationRequest } from '../rotation-request';

type Send = (command: unknown, ...rest: unknown[]) => Promise<unknown>;

function withTag(output: DescribeAutoScalingGroupsCommandOutput, groups: ReadonlySet<string>, before: string): DescribeAutoScalingGroupsCommandOutput {
  const AutoScalingGroups = output.AutoScalingGroups?.map((group) => {
    const name = group.AutoScalingGroupName ?? '';
    if (!groups.has(name)) return group;
    const others = (group.Tags ?? []).filter((tag) => tag.Key !== TAG.rotateBefore);
    const tag = { ResourceId: name, ResourceType: 'auto-scaling-group', Key: TAG.rotateBefore, Value: before, PropagateAtLaunch: false };
    return { ...group, Tags: [...others, tag] };
  });
  return { ...output, AutoScalingGroups };
}

/**
 * The Auto Scaling client as the run will read the groups once `rotate` has tagged them: the named groups answer
 * with `rotate-before=<before>`. It reads through the real client and writes nothing.
 */
export function readingAsTagged(client: AutoScalingClient, groups: readonly string[], before: string): AutoScalingClient {
  const named = new Set(groups);
  const send = client.send.bind(client) as Send;
  const tagged: Send = async (command, ...rest) => {
    if (!(command instanceof DescribeAutoScalingGroupsCommand)) return send(command, ...rest);
    // The answer is tagged as the SDK parsed it: not read raw, which would hand the reaper the answer untagged.
    command.middlewareStack.remove(RAW_READING);
    return withTag((await send(command, ...rest)) as DescribeAutoScalingGroupsCommandOutput, named, before);
  };
  // Everything else (configuration, middleware, `instanceof` for the paginators) is the real client's.
  return Object.create(client, { send: { value: tagged } }) as AutoScalingClient;
}

/**
 * The event `rotate` invokes the function with: empty (the configured policy, which reads the recorded request), or
 * for instances, which are never recorded, the manual event naming them.
 */
export const invocationEvent = (request: RotationRequest): Record<string, unknown> => (request.kind === 'instances' ? { instanceIds: request.instanceIds } : {});

/** The clients, and the manual-event fields, that make a dry run see the request as already recorded. */
function recordedView(clients: CliClients, request: RotationRequest, before: string): { clients: CliClients; event: Record<string, unknown> } {
  // A blocked AMI: the run reads the parameter, `amiIds` joins the same list (evaluateFleet takes the union).
  if (request.kind === 'amis') return { clients, event: { amiIds: request.amiIds } };
  if (request.kind === 'instances') return { clients, event: invocationEvent(request) };
  return { clients: { ...clients, autoScaling: readingAsTagged(clients.autoScaling, request.groups, before) }, event: {} };
}

export interface RecordedDryRun {
  readonly report: RunReport;
  readonly evaluation: FleetEvaluation;
}

/**
 * The run `rotate` is about to start, decided now as a dry run: the configured policy with exactly the event it
 * invokes the function with, over the whole fleet, with the request counted as recorded. Changes nothing.
 */
export async function dryRunAsRecorded(context: CommandContext, env: ReaperEnv, request: RotationRequest, before: string): Promise<RecordedDryRun> {
  const view = recordedView(context.clients, request, before);
  const settings = mergeRunPolicy(env, parseEvent({ ...view.event, dryRun: true }));
  return withProgress(context, 'Reading the fleet', async () => {
    const { plan, evaluation } = await decideRun(view.clients, settings, context.io.now());
    return { report: buildReport(plan, simulatePlan(plan), evaluation), evaluation };
  });
}
