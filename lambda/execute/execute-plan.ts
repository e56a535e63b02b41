import {
  CreateOrUpdateTagsCommand,
  DeleteTagsCommand,
  SetDesiredCapacityCommand,
  TerminateInstanceInAutoScalingGroupCommand,
  type AutoScalingClient,
} from '@aws-sdk/client-auto-scaling';
import type { RunError } from '../model/fleet';
import type { SurgeAction, TerminatedEntry } from '../model/report';
import type { CapacityChange, Plan, PlannedTermination } from '../plan/plan';
import { TAG } from '../policy/tag-keys';
import type { ExecutionOutcome } from './execution-outcome';

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

class Executor {
  readonly terminated: TerminatedEntry[] = [];
  readonly surges: SurgeAction[] = [];
  readonly errors: RunError[] = [];

  constructor(private readonly autoScaling: AutoScalingClient) {}

  /** Runs one call; a failure is recorded against its group and the run goes on. */
  async attempt(what: string, group: string, call: () => Promise<unknown>, instanceId?: string): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      this.errors.push({ group, ...(instanceId ? { instanceId } : {}), message: `${what} failed: ${describe(error)}` });
      return false;
    }
  }

  terminate(termination: PlannedTermination): Promise<boolean> {
    const { instanceId, group, reasons } = termination;
    const command = new TerminateInstanceInAutoScalingGroupCommand({
      InstanceId: instanceId,
      ShouldDecrementDesiredCapacity: termination.decrementDesiredCapacity,
    });
    return this.attempt('TerminateInstanceInAutoScalingGroup', group, () => this.autoScaling.send(command), instanceId).then((ok) => {
      if (ok) this.terminated.push({ instanceId, group, reasons });
      return ok;
    });
  }

  setDesired(change: CapacityChange, desiredCapacity: number): Promise<boolean> {
    const command = new SetDesiredCapacityCommand({ AutoScalingGroupName: change.group, DesiredCapacity: desiredCapacity, HonorCooldown: false });
    return this.attempt('SetDesiredCapacity', change.group, () => this.autoScaling.send(command));
  }

  writeSurgeTag(change: CapacityChange): Promise<boolean> {
    const resource = { ResourceId: change.group, ResourceType: 'auto-scaling-group', Key: TAG.surgeState };
    const command =
      change.surgeTag === null
        ? new DeleteTagsCommand({ Tags: [resource] })
        : new CreateOrUpdateTagsCommand({ Tags: [{ ...resource, Value: change.surgeTag, PropagateAtLaunch: false }] });
    return this.attempt(change.surgeTag === null ? 'DeleteTags' : 'CreateOrUpdateTags', change.group, () => this.autoScaling.send(command));
  }

  /** The tag goes first, so a run that dies after adding capacity is finished or rolled back by the next. */
  async addCapacity(change: CapacityChange): Promise<void> {
    if ((await this.writeSurgeTag(change)) && (await this.setDesired(change, change.desiredCapacity))) this.surges.push(this.action(change));
  }

  /** Terminates with decrement, then gives back whatever the terminations did not, then ends the surge. */
  async completeSurge(change: CapacityChange, terminations: readonly PlannedTermination[]): Promise<void> {
    let succeeded = 0;
    for (const termination of terminations) if (await this.terminate(termination)) succeeded += 1;
    const remaining = change.fromDesiredCapacity - succeeded;
    if (remaining !== change.desiredCapacity && !(await this.setDesired(change, change.desiredCapacity))) return;
    if (await this.writeSurgeTag(change)) this.surges.push(this.action(change));
  }

  async rollBack(change: CapacityChange): Promise<void> {
    if (change.setDesiredCapacity && !(await this.setDesired(change, change.desiredCapacity))) return;
    if (await this.writeSurgeTag(change)) this.surges.push(this.action(change));
  }

  private action(change: CapacityChange): SurgeAction {
    return { group: change.group, action: change.action, desiredCapacity: change.desiredCapacity, instanceIds: change.instanceIds };
  }
}

/**
 * Carries out a plan through the Auto Scaling group, one call at a time: terminations never
 * go through EC2, so the group replaces what it loses. Failures are collected, never thrown.
 */
export async function executePlan(autoScaling: AutoScalingClient, plan: Plan): Promise<ExecutionOutcome> {
  const executor = new Executor(autoScaling);
  const surgeGroups = new Set(plan.capacityChanges.filter((change) => change.action === 'completed').map((change) => change.group));
  for (const change of plan.capacityChanges.filter((c) => c.action === 'capacity-added')) await executor.addCapacity(change);
  for (const termination of plan.terminations.filter((t) => !surgeGroups.has(t.group))) await executor.terminate(termination);
  for (const change of plan.capacityChanges) {
    if (change.action === 'completed') await executor.completeSurge(change, plan.terminations.filter((t) => t.group === change.group));
    if (change.action === 'rolled-back') await executor.rollBack(change);
  }
  return { terminated: executor.terminated, surges: executor.surges, errors: executor.errors };
}

/** A dry run: everything planned counts as done, and nothing is called. */
export function simulatePlan(plan: Plan): ExecutionOutcome {
  return {
    terminated: plan.terminations.map(({ instanceId, group, reasons }) => ({ instanceId, group, reasons })),
    surges: plan.capacityChanges.map(({ group, action, desiredCapacity, instanceIds }) => ({ group, action, desiredCapacity, instanceIds })),
    errors: [],
  };
}
