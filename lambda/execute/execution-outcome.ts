import type { RunError } from '../model/fleet';
import type { SurgeAction, TerminatedEntry } from '../model/report';

/** What the run actually did. */
export interface ExecutionOutcome {
  readonly terminated: readonly TerminatedEntry[];
  readonly surges: readonly SurgeAction[];
  readonly errors: readonly RunError[];
}
