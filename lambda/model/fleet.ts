/**
 * The fleet as read from AWS: plain, immutable data. Times are epoch milliseconds.
 * Produced by `inventory/`, consumed by the pure `policy/` and `plan/` layers.
 */

import type { ErrorCode } from './error-codes';

export type Tags = Readonly<Record<string, string>>;

/** An instance as a member of an Auto Scaling group (from DescribeAutoScalingGroups). */
export interface GroupMember {
  readonly instanceId: string;
  /** Auto Scaling lifecycle state: InService, Pending, Terminating:Wait, Standby, ... */
  readonly lifecycleState: string;
  /** Auto Scaling health status: Healthy or Unhealthy. */
  readonly healthStatus: string;
  readonly protectedFromScaleIn: boolean;
  readonly instanceType?: string;
  /**
   * Capacity units the member counts for: its `WeightedCapacity` where the group sets weights (or its vCPUs / MiB for a
   * `vcpu` / `memory-mib` group), else 1. The group's desired, minimum and maximum capacity are in these units.
   */
  readonly weight: number;
}

/** What a group launches now, resolved to AMI IDs. */
export interface LaunchImages {
  /** AMI of the group's launch template version or launch configuration. */
  readonly imageId?: string;
  /** Mixed-instances overrides that name their own template: instance type -> AMI. */
  readonly imageIdByInstanceType: Readonly<Record<string, string>>;
}

/**
 * Whether the group's surge-state tag carries the function's proof of authorship: `invalid` when the proof is missing
 * or does not verify (the record was written by hand, edited or copied), `unverified` when it could not be checked
 * (VerifyMac failed, or the function has no key). Either way the record is refused.
 */
export type SurgeProofCheck =
  | { readonly verdict: 'valid' }
  | { readonly verdict: 'invalid'; readonly why: string }
  | { readonly verdict: 'unverified'; readonly why: string };

export interface GroupSnapshot {
  readonly name: string;
  readonly arn?: string;
  readonly minSize: number;
  readonly maxSize: number;
  /** In the group's units (`desiredCapacityType`): instances, weights, vCPUs or MiB. */
  readonly desiredCapacity: number;
  /** `units` (the default), `vcpu` or `memory-mib`. */
  readonly desiredCapacityType: string;
  /** Set while the group is being deleted ("Delete in progress"). */
  readonly status?: string;
  readonly suspendedProcesses: readonly string[];
  readonly tags: Tags;
  readonly members: readonly GroupMember[];
  /** ELBv2 target groups attached (TargetGroupARNs and `elbv2` traffic sources): every InService member must be registered and healthy in each. */
  readonly targetGroupArns: readonly string[];
  /** Classic Load Balancers attached (LoadBalancerNames and `elb` traffic sources): every InService member must be InService in each. */
  readonly loadBalancerNames: readonly string[];
  /** VPC Lattice target groups attached (`vpc-lattice` traffic sources, by ARN): every InService member must be registered and HEALTHY in each. */
  readonly latticeTargetGroupArns: readonly string[];
  /** Instance maintenance policy's MaxHealthyPercentage, when set. */
  readonly maxHealthyPercentage?: number;
  /** The group's DefaultInstanceWarmup in seconds, when set: the last fallback of its bake time. */
  readonly defaultInstanceWarmup?: number;
  /** Resolved launch AMIs; undefined when they could not be resolved (see snapshot errors). */
  readonly launchImages?: LaunchImages;
  /** The check of the surge-state tag's proof; read only for groups that carry the tag. */
  readonly surgeProof?: SurgeProofCheck;
}

export interface InstanceSnapshot {
  readonly instanceId: string;
  /** EC2 state name: pending, running, stopping, stopped. */
  readonly state: string;
  readonly imageId?: string;
  readonly instanceType?: string;
  readonly launchTime?: number;
  /** AttachTime of the network interface at device index 0. */
  readonly primaryEniAttachTime?: number;
  /** AttachTime of the root EBS volume. */
  readonly rootVolumeAttachTime?: number;
  readonly tags: Tags;
}

export interface ImageSnapshot {
  readonly imageId: string;
  /** available, pending, deregistered, disabled, failed, ... or `missing` when AWS cannot describe it. */
  readonly state: string;
  readonly name?: string;
  readonly creationDate?: number;
  readonly deprecationTime?: number;
  /** False when the account's Allowed AMIs settings exclude it: instances on it run, nothing new launches from it. */
  readonly allowed?: boolean;
}

/** Something that failed; the run goes on. `code` says what kind of failure it is, `message` what exactly failed. */
export interface RunError {
  readonly group?: string;
  readonly instanceId?: string;
  readonly code: ErrorCode;
  readonly message: string;
}

/** A read that failed: whether IAM refused it, and what was not read and why. */
export interface ReadFailure {
  readonly code: Extract<ErrorCode, 'read-failed' | 'read-denied'>;
  readonly message: string;
}

export interface FleetSnapshot {
  /** The groups in scope (all groups, or those named in the invocation's `groups`). */
  readonly groups: readonly GroupSnapshot[];
  /** Every pending, running, stopping or stopped instance in the account and region, by ID. */
  readonly instances: ReadonlyMap<string, InstanceSnapshot>;
  /** The AMIs instances were launched from, by ID. An ID absent here is unknown (read failed). */
  readonly images: ReadonlyMap<string, ImageSnapshot>;
  /** AMI IDs listed in the blocked-AMIs SSM parameter. */
  readonly blockedAmiIds: readonly string[];
  /**
   * Instances in a group's warm pool. They carry the group's `aws:autoscaling:groupName` tag but the group does not list them;
   * they are neither members nor unmanaged.
   */
  readonly warmPoolInstanceIds: ReadonlySet<string>;
  /** True when the run is limited to named groups: unmanaged instances are not judged. */
  readonly limitedToGroups: boolean;
  readonly errors: readonly RunError[];
}

/** Facts read only for groups that have due instances: the health gates. A read that fails holds the group and is listed in `readFailures`. */
export interface GroupGates {
  /** An instance refresh is Pending or InProgress (or the read failed: then we hold the group). */
  readonly instanceRefreshActive: boolean;
  /** Names of the group's alarms in ALARM, or that do not exist or could not be read. */
  readonly alarmsHolding: readonly string[];
  /** Of those, the names that do not exist: reported in errors as well (one whose state could not be read is a read failure). */
  readonly alarmsUnknown: readonly string[];
  /** InService members not registered and healthy in every target group (ELB or VPC Lattice) and Classic Load Balancer of the group (all of them when one could not be read). */
  readonly unhealthyTargets: readonly string[];
  /**
   * Why the group cannot launch a replacement now, undefined when it can: its latest launch failed (`cannot-replace`), or
   * its launch history could not be read (the read's code).
   */
  readonly cannotReplace?: { readonly code: Extract<ErrorCode, 'cannot-replace'> | ReadFailure['code']; readonly why: string };
  /** Reads that failed (refreshes, alarm states, target health): each holds the group and is reported in errors. */
  readonly readFailures: readonly ReadFailure[];
  /**
   * When the group's recent successful launches ended (its launch activity's EndTime: when it put the instance
   * InService), by instance ID. Read only for a group with a bake time, back to the start of that time.
   */
  readonly launchesEnded?: ReadonlyMap<string, number>;
}
