import type { GroupMember, GroupSnapshot, RunError } from '../model/fleet';
import type { ReasonCode } from '../model/reasons';
import type { GroupSettings } from './group-settings';
import type { SurgeRecord } from './surge-record';

/** An instance for which one or more reasons hold. */
export interface DueInstance {
  readonly instanceId: string;
  readonly reasons: readonly ReasonCode[];
  readonly ageMs: number;
  readonly lifetimeMs: number;
  readonly imageId?: string;
  /** Due for a reason that goes first and ignores maintenance windows. */
  readonly emergency: boolean;
  /** Past lifetime + grace: maintenance windows no longer hold it. */
  readonly pastDeadline: boolean;
  /** Carries the tag `instance-reaper:exempt=true` itself. */
  readonly exempt: boolean;
  readonly member?: GroupMember;
}

/** Freshness of a set of instances, for metrics. */
export interface Freshness {
  readonly instances: number;
  readonly oldestAgeMs: number;
  readonly pastLifetime: number;
  readonly onStaleAmi: number;
  readonly due: number;
}

export interface GroupEvaluation {
  readonly group: GroupSnapshot;
  readonly settings: GroupSettings;
  readonly due: readonly DueInstance[];
  readonly freshness: Freshness;
  /** Why the group cannot launch a replacement (the AMI it launches is gone or unknown); undefined when it can. */
  readonly launchProblem?: string;
  /**
   * The LaunchTime of each InService member (undefined when EC2 did not describe it), for the group's bake time; only
   * for a group that has one.
   */
  readonly launchTimes?: ReadonlyMap<string, number | undefined>;
  /** A launch-before-terminate surge under way, checked against the group. */
  readonly surge?: SurgeRecord;
}

export interface FleetEvaluation {
  readonly groups: readonly GroupEvaluation[];
  readonly unmanaged: readonly DueInstance[];
  /** Instances judged: group members and, unless the run is limited to groups, running or stopped instances in no group. */
  readonly scannedInstances: number;
  readonly errors: readonly RunError[];
}
