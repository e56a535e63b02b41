import {
  CreateOrUpdateTagsCommand,
  DeleteTagsCommand,
  SetDesiredCapacityCommand,
  TerminateInstanceInAutoScalingGroupCommand,
  type AutoScalingClient,
} from '@aws-sdk/client-auto-scaling';
import type { RunError } from '../model/fleet';
import type { SurgeAction, TerminatedEntry } from '../model/report';
import { unitsNamed, type Plan, type PlannedTermination, type SurgeStep } from '../plan/plan';
import { formatSurgeState, type SurgeState } from '../policy/surge-state';
import { TAG } from '../policy/tag-keys';
import type { ExecutionOutcome } from '../model/execution-outcome';
import { describeError } from '../util/describe-error';
import type { SurgeSigner } from './sign-surge-record';

/** The call's failure, described, or undefined when it succeeded. */
async function failureOf(call: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

const TERMINATE = 'TerminateInstanceInAutoScalingGroup';

/** The report's entry for a surge step; a completion names the added instances it removed to give the capacity back. */
const actionOf = (step: SurgeStep, done: { readonly givenBack?: readonly string[]; readonly instanceIds?: readonly string[] } = {}): SurgeAction => ({
  group: step.group,
  action: step.action,
  desiredCapacity: step.desiredCapacity,
  instanceIds: done.instanceIds ?? step.instanceIds,
  ...(step.action === 'completed' ? { givenBack: done.givenBack ?? step.removeAdded } : {}),
});

class Executor {
  readonly terminated: TerminatedEntry[] = [];
  readonly surges: SurgeAction[] = [];
  readonly errors: RunError[] = [];

  /** Each surge group's ARN, which a record written for it is signed for. */
  private readonly groupArns: ReadonlyMap<string, string | undefined>;

  constructor(
    private readonly autoScaling: AutoScalingClient,
    private readonly dependencies: ExecuteDependencies,
    plan: Plan,
  ) {
    this.groupArns = new Map(plan.surgeSteps.map((step) => [step.group, step.groupArn]));
  }

  /** A call's outcome: a failure is recorded against its group (and instance) and the run goes on. */
  private record(what: string, group: string, failure: string | undefined, instanceId?: string): boolean {
    if (failure !== undefined) this.errors.push({ group, ...(instanceId ? { instanceId } : {}), code: 'write-failed', message: `${what} failed: ${failure}` });
    return failure === undefined;
  }

  /** Runs one call; a failure is recorded against its group and the run goes on. */
  async attempt(what: string, group: string, call: () => Promise<unknown>, instanceId?: string): Promise<boolean> {
    return this.record(what, group, await failureOf(call), instanceId);
  }

  /** With decrement the group's capacity goes down by exactly that instance. */
  private sendTermination(instanceId: string, decrement: boolean): Promise<string | undefined> {
    return failureOf(() => this.autoScaling.send(new TerminateInstanceInAutoScalingGroupCommand({ InstanceId: instanceId, ShouldDecrementDesiredCapacity: decrement })));
  }

  private recordTermination(termination: PlannedTermination, failure: string | undefined): boolean {
    const { instanceId, group, reasons } = termination;
    const ok = this.record(TERMINATE, group, failure, instanceId);
    if (ok) this.terminated.push({ instanceId, group, reasons });
    return ok;
  }

  /**
   * Terminations of different groups at once, each group's one after another: a group is never asked to replace two
   * instances at the same moment by this run, and the run does not wait 20 round trips in a row. Results are recorded
   * in the plan's order, whatever order the calls finish in.
   */
  async terminateAll(terminations: readonly PlannedTermination[]): Promise<void> {
    const byGroup = new Map<string, PlannedTermination[]>();
    for (const termination of terminations) byGroup.set(termination.group, [...(byGroup.get(termination.group) ?? []), termination]);
    const failures = new Map<PlannedTermination, string | undefined>();
    await Promise.all(
      [...byGroup.values()].map(async (group) => {
        for (const termination of group) failures.set(termination, await this.sendTermination(termination.instanceId, termination.decrementDesiredCapacity));
      }),
    );
    for (const termination of terminations) this.recordTermination(termination, failures.get(termination));
  }

  /** Terminates one named instance, outside the plan's terminations (capacity a surge added). */
  private async terminateById(group: string, instanceId: string, decrement: boolean): Promise<boolean> {
    return this.record(TERMINATE, group, await this.sendTermination(instanceId, decrement), instanceId);
  }

  async terminate(termination: PlannedTermination): Promise<boolean> {
    return this.recordTermination(termination, await this.sendTermination(termination.instanceId, termination.decrementDesiredCapacity));
  }

  /**
   * Writes the record and its proof in one call, or deletes both. The proof is made first: if it cannot be, nothing is
   * written (and a surge that was starting adds no capacity), since a record without proof would only be refused.
   */
  private async writeSurgeTag(group: string, value: string | null): Promise<boolean> {
    const resource = { ResourceId: group, ResourceType: 'auto-scaling-group' };
    if (value === null) {
      const command = new DeleteTagsCommand({ Tags: [TAG.surgeState, TAG.surgeProof].map((Key) => ({ ...resource, Key })) });
      return this.attempt('DeleteTags', group, () => this.autoScaling.send(command));
    }
    let proof = '';
    const signed = await failureOf(async () => {
      proof = await this.dependencies.signSurgeRecord(this.groupArns.get(group), value);
    });
    if (signed !== undefined) {
      this.errors.push({ group, code: 'write-failed', message: `the surge-state record "${value}" could not be signed (${signed}): nothing was written, and no capacity added for it` });
      return false;
    }
    const tags = [
      { ...resource, Key: TAG.surgeState, Value: value, PropagateAtLaunch: false },
      { ...resource, Key: TAG.surgeProof, Value: proof, PropagateAtLaunch: false },
    ];
    return this.attempt('CreateOrUpdateTags', group, () => this.autoScaling.send(new CreateOrUpdateTagsCommand({ Tags: tags })));
  }

  /**
   * Starts a surge: the guard at the write set its desired capacity from the group read just before (SetDesiredCapacity
   * is absolute: a value from the run's first read would undo a scale-out since). The tag goes first, so a run that
   * dies after adding capacity is finished or rolled back by the next.
   */
  async startSurge(step: SurgeStep): Promise<void> {
    const state: SurgeState = { startedAt: step.startedAt, desiredCapacity: step.desiredCapacity, added: step.instanceIds.length, addedUnits: unitsNamed(step, step.instanceIds), instanceIds: step.instanceIds };
    if (!(await this.writeSurgeTag(step.group, formatSurgeState(state)))) return;
    const raise = new SetDesiredCapacityCommand({ AutoScalingGroupName: step.group, DesiredCapacity: step.desiredCapacity, HonorCooldown: false });
    if (await this.attempt('SetDesiredCapacity', step.group, () => this.autoScaling.send(raise))) this.surges.push(actionOf(step));
    else await this.writeSurgeTag(step.group, null);
  }

  /**
   * Ends a surge: the recorded instances go with decrement, then the added ones given back, each by ID. If a recorded
   * instance could not go, the tag is rewritten with what is left, so the next run finishes exactly that.
   */
  async completeSurge(step: SurgeStep, terminations: readonly PlannedTermination[]): Promise<void> {
    const left: string[] = [];
    const gone: string[] = [];
    for (const termination of terminations) {
      if (await this.terminate(termination)) gone.push(termination.instanceId);
      else left.push(termination.instanceId);
    }
    const givenBack = await this.giveBack(step);
    // Whatever went is reported, even when the surge could not finish: its record then says what is left.
    if (left.length === 0 || gone.length + givenBack.length > 0) this.surges.push(actionOf(step, { instanceIds: gone, givenBack }));
    if (left.length === 0) {
      await this.writeSurgeTag(step.group, null);
      return;
    }
    const removedUnits = unitsNamed(step, [...gone, ...givenBack]);
    const record = { startedAt: step.startedAt, desiredCapacity: step.recordedDesiredCapacity - removedUnits, added: left.length, addedUnits: unitsNamed(step, left), instanceIds: left };
    await this.writeSurgeTag(step.group, formatSurgeState(record));
  }

  /** Removes the capacity a surge added, by ID, with decrement; returns the instances that went. */
  private async giveBack(step: SurgeStep): Promise<string[]> {
    const removed: string[] = [];
    for (const instanceId of step.removeAdded) if (await this.terminateById(step.group, instanceId, true)) removed.push(instanceId);
    return removed;
  }

  /** Gives back what the surge added, by ID; the tag goes once all of it is back (a failure is retried by the next run). */
  async rollBack(step: SurgeStep): Promise<void> {
    const removed = await this.giveBack(step);
    const complete = removed.length === step.removeAdded.length && (await this.writeSurgeTag(step.group, null));
    if (complete || removed.length > 0) this.surges.push(actionOf(step, { instanceIds: removed }));
  }
}

/** What the executor needs besides the Auto Scaling client. */
export interface ExecuteDependencies {
  /** Proves the function wrote a surge-state record (kmsSurgeSigner in a run). */
  readonly signSurgeRecord: SurgeSigner;
}

/**
 * Carries out a plan through the Auto Scaling groups, one call at a time within a group: terminations never go through EC2, so
 * the group replaces what it loses, and capacity only goes down by naming the instance that goes. Failures are
 * collected, never thrown.
 */
export async function executePlan(autoScaling: AutoScalingClient, plan: Plan, dependencies: ExecuteDependencies): Promise<ExecutionOutcome> {
  const executor = new Executor(autoScaling, dependencies, plan);
  const surgeGroups = new Set(plan.surgeSteps.filter((step) => step.action === 'completed').map((step) => step.group));
  for (const step of plan.surgeSteps.filter((candidate) => candidate.action === 'capacity-added')) await executor.startSurge(step);
  await executor.terminateAll(plan.terminations.filter((candidate) => !surgeGroups.has(candidate.group)));
  for (const step of plan.surgeSteps) {
    if (step.action === 'completed') await executor.completeSurge(step, plan.terminations.filter((termination) => termination.group === step.group));
    if (step.action === 'rolled-back') await executor.rollBack(step);
  }
  return { terminated: executor.terminated, surges: executor.surges, errors: executor.errors };
}

/** A dry run: everything planned counts as done, and nothing is called. */
export function simulatePlan(plan: Plan): ExecutionOutcome {
  return {
    terminated: plan.terminations.map(({ instanceId, group, reasons }) => ({ instanceId, group, reasons })),
    surges: plan.surgeSteps.map((step) => actionOf(step)),
    errors: [],
  };
}
