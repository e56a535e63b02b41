import type { RunError } from '../model/fleet';
import type { DeferredEntry, SurgeAction, TerminatedEntry, UnmanagedEntry } from '../model/report';

export interface PlannedTermination extends TerminatedEntry {
  /** True only when completing a launch-before-terminate surge: it gives back the capacity the surge added, naming the instance that goes. */
  readonly decrementDesiredCapacity: boolean;
  /** The capacity units the instance counts for in its group. */
  readonly units: number;
}

/**
 * A launch-before-terminate step. Capacity only ever goes down by naming the instance that goes
 * (TerminateInstanceInAutoScalingGroup with decrement): the group's termination policy never chooses.
 */
export interface SurgeStep extends SurgeAction {
  /** When the surge started (capacity-added: now, recorded in its tag). The executor adds `instanceIds.length` to the desired capacity it reads just before the write. */
  readonly startedAt: number;
  /** The desired capacity the surge's tag records (capacity-added: as planned; the executor records what it sets). Rewritten with what is left if a completion's termination fails. */
  readonly recordedDesiredCapacity: number;
  /** completed and rolled-back: instances the surge added that go by ID, with decrement, to give its capacity back. */
  readonly removeAdded: readonly string[];
  /** The capacity units of every instance the step names (`instanceIds` and `removeAdded`). */
  readonly weights: Readonly<Record<string, number>>;
  /** The group's ARN as read: the proof of the surge-state record the step writes is bound to it. */
  readonly groupArn?: string;
}

/** The capacity units of the named instances of a step. */
export function unitsNamed(step: Pick<SurgeStep, 'weights'>, instanceIds: readonly string[]): number {
  let units = 0;
  for (const id of instanceIds) units += step.weights[id] ?? 1;
  return units;
}

/** What the run will do, and why. The report is built from it; it is never re-derived. */
export interface Plan {
  readonly dryRun: boolean;
  readonly scanned: { readonly groups: number; readonly instances: number };
  readonly terminations: readonly PlannedTermination[];
  readonly surgeSteps: readonly SurgeStep[];
  readonly deferred: readonly DeferredEntry[];
  readonly unmanaged: readonly UnmanagedEntry[];
  readonly errors: readonly RunError[];
  /**
   * Groups that were next in line to act but whose gates (refreshes, alarms, load balancers, launches) are unread, in
   * plan order. Non-empty means the plan is provisional: the run reads those gates and plans again.
   */
  readonly gatesWanted: readonly string[];
}
