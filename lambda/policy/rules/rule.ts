import type { ImageSnapshot, InstanceSnapshot } from '../../model/fleet';
import type { ReasonCode } from '../../model/reasons';
import type { RunPolicy } from '../../model/run-policy';

/** applies: the instance is due for this reason; does-not-apply: checked, not due; not-applicable: cannot be judged. */
export type RuleAnswer = 'applies' | 'does-not-apply' | 'not-applicable';

/** Everything a rule may look at, already resolved. Plain data. */
export interface RuleInput {
  readonly instance: InstanceSnapshot;
  /** undefined when the image could not be read (unknown, not missing). */
  readonly image?: ImageSnapshot;
  readonly firstLaunch?: number;
  /** Effective lifetime: precedence and jitter applied. */
  readonly lifetimeMs: number;
  /** AMI the instance's group launches now for its type; undefined when unknown or not in a group. */
  readonly launchImageId?: string;
  readonly rotateBefore?: number;
  readonly blockedAmiIds: ReadonlySet<string>;
  /** The policy's `targetedInstanceIds` as a set, made once for the run; the rule scans the list without it. */
  readonly targetedIds?: ReadonlySet<string>;
  readonly policy: RunPolicy;
  readonly now: number;
}

export interface ReasonRule {
  readonly code: ReasonCode;
  readonly evaluate: (input: RuleInput) => RuleAnswer;
}

export const answer = (holds: boolean): RuleAnswer => (holds ? 'applies' : 'does-not-apply');
