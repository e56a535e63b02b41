import type { RunError } from './fleet';
import type { SurgeAction, TerminatedEntry } from './report';

/** What the run actually did. */
export interface ExecutionOutcome {
  readonly terminated: readonly TerminatedEntry[];
  readonly surges: readonly SurgeAction[];
  readonly errors: readonly RunError[];
}
