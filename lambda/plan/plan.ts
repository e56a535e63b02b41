import type { RunError } from '../model/fleet';
import type { DeferredEntry, InstanceDetail, SurgeAction, TerminatedEntry, UnmanagedEntry } from '../model/report';

export interface PlannedTermination extends TerminatedEntry {
  /** True only when completing a launch-before-terminate surge: it gives back the capacity the surge added. */
  readonly decrementDesiredCapacity: boolean;
}

/** A change to a group's desired capacity and surge-state tag, for launch-before-terminate. */
export interface CapacityChange extends SurgeAction {
  /** New value of the surge-state tag; null deletes it. Written before the capacity is added, deleted after it is given back. */
  readonly surgeTag: string | null;
  /** Desired capacity when the run read the group. */
  readonly fromDesiredCapacity: number;
  /** Whether `desiredCapacity` must be set (false when only the tag changes). */
  readonly setDesiredCapacity: boolean;
}

/** What the run will do, and why. The report is built from it; it is never re-derived. */
export interface Plan {
  readonly dryRun: boolean;
  readonly scanned: { readonly groups: number; readonly instances: number };
  readonly terminations: readonly PlannedTermination[];
  readonly capacityChanges: readonly CapacityChange[];
  readonly deferred: readonly DeferredEntry[];
  readonly unmanaged: readonly UnmanagedEntry[];
  readonly errors: readonly RunError[];
  readonly details: Readonly<Record<string, InstanceDetail>>;
}
