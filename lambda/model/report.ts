import type { DeferralReason, ReasonCode } from './reasons';
import type { RunError } from './fleet';

export interface TerminatedEntry {
  readonly instanceId: string;
  readonly group: string;
  readonly reasons: readonly ReasonCode[];
}

export interface DeferredEntry extends TerminatedEntry {
  readonly why: DeferralReason;
}

export interface UnmanagedEntry {
  readonly instanceId: string;
  readonly reasons: readonly ReasonCode[];
}

/** Facts behind an entry, kept out of the entries so their shape stays exactly the contract's. */
export interface InstanceDetail {
  readonly ageDays: number;
  /** Effective lifetime after group tag, invocation and jitter. */
  readonly lifetimeDays: number;
  readonly imageId?: string;
}

/**
 * A launch-before-terminate step taken on a group this run. `instanceIds`: capacity-added, the instances it replaces;
 * completed, the replaced instances that went (also in `terminated`); rolled-back, the added instances removed.
 */
export interface SurgeAction {
  readonly group: string;
  readonly action: 'capacity-added' | 'completed' | 'rolled-back';
  readonly desiredCapacity: number;
  readonly instanceIds: readonly string[];
  /** completed: added instances terminated by ID to give back capacity added for an instance that no longer goes. */
  readonly givenBack?: readonly string[];
}

/** How many entries each list of a run's report holds, and how many instances have details. */
export interface ReportCounts {
  readonly terminated: number;
  readonly deferred: number;
  readonly unmanaged: number;
  readonly errors: number;
  readonly surges: number;
  readonly details: number;
}

/**
 * Set on the function's response when the report was too large to return whole: each list then holds its first
 * entries only. `counts` are the whole report's; the whole report is in the run's `run report` log lines under `runId`.
 */
export interface ReportTruncation {
  readonly runId: string;
  readonly counts: ReportCounts;
}

export interface RunReport {
  readonly dryRun: boolean;
  readonly scanned: { readonly groups: number; readonly instances: number };
  readonly terminated: readonly TerminatedEntry[];
  readonly deferred: readonly DeferredEntry[];
  readonly unmanaged: readonly UnmanagedEntry[];
  readonly errors: readonly RunError[];
  readonly details: Readonly<Record<string, InstanceDetail>>;
  readonly surges: readonly SurgeAction[];
  /** Only on a response too large to return whole. */
  readonly truncated?: ReportTruncation;
}
