import type { PageSizes } from './page-sizes';

export { AWS_PAGE_SIZES, SMALL_PAGE_SIZES, type PageSizes } from './page-sizes';

/*
 * The account's data: plain JSON (epoch milliseconds for every time) so it serializes as is.
 * Records hold what the fake needs; services translate them to the SDK's shapes.
 */

export type Ec2State = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';
export type ImageState = 'available' | 'disabled' | 'deregistered' | 'gone';
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type ClassicHealth = 'InService' | 'OutOfService';
/** What a group's sizes count: instances (or override weights), vCPUs or MiB of memory. */
export type DesiredCapacityType = 'units' | 'vcpu' | 'memory-mib';
/** A Classic Load Balancer's view of a registered instance: settled health, or on its way in or out. */
export type ClassicInstanceState = ClassicHealth | 'registering' | 'deregistering';
/** A VPC Lattice target's status (TargetSummary, VPC Lattice API Reference). */
export type LatticeTargetStatus = 'DRAINING' | 'UNAVAILABLE' | 'HEALTHY' | 'UNHEALTHY' | 'INITIAL' | 'UNUSED';

/** A launch template as a group or override names it (ID or name; version `$Latest`, `$Default` or a number). */
export interface TemplateRef {
  readonly id?: string;
  readonly name?: string;
  readonly version?: string;
}

export interface ImageRecord {
  imageId: string;
  name: string;
  ownerId: string;
  creationDate: number;
  deprecationTime?: number;
  /**
   * `deregistered`: recently deregistered, still returned with that state (until `listedUntil`, when set).
   * `gone`: deregistered and no longer returned: asked by ID, empty while an instance runs it, then not found.
   * Instance metadata still knows both.
   */
  state: ImageState;
  /** Epoch ms: when a `deregistered` image stops being returned and is `gone`. */
  listedUntil?: number;
}

export interface InstanceRecord {
  instanceId: string;
  imageId: string;
  instanceType: string;
  availabilityZone: string;
  state: Ec2State;
  /** Last start: resets on stop/start. */
  launchTime: number;
  /** First-launch witnesses; they differ from launchTime after a stop/start. */
  eniAttachTime: number;
  rootVolumeAttachTime: number;
  tags: Record<string, string>;
  /** Auto Scaling membership: absent for unmanaged instances and after termination. */
  group?: string;
  lifecycleState?: string;
  healthStatus?: string;
  protectedFromScaleIn?: boolean;
  launchTemplate?: TemplateRef;
  launchConfigurationName?: string;
  /** Members of weighted groups: the capacity units it counts for, fixed at launch (a removed type keeps its last weight). */
  weightedCapacity?: number;
  /** Index in `activities` of its launch or termination still in progress. */
  activity?: number;
}

export interface GroupTag {
  key: string;
  value: string;
  propagateAtLaunch: boolean;
}

export interface Override {
  instanceType: string;
  launchTemplate?: TemplateRef;
  /** Capacity units of this type, a whole number `1`-`999` as AWS takes it (a string); set on every override or none. */
  weightedCapacity?: string;
}

export interface GroupRecord {
  name: string;
  arn: string;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  /** Absent unless set, as AWS answers; sizes then count instances or override weights (`units`). */
  desiredCapacityType?: DesiredCapacityType;
  /** e.g. `Delete in progress`. */
  status?: string;
  availabilityZones: string[];
  launchTemplate?: TemplateRef;
  launchConfigurationName?: string;
  mixedInstancesPolicy?: { launchTemplate: TemplateRef; overrides: Override[] };
  targetGroupArns: string[];
  /** Classic Load Balancers, by name. */
  loadBalancerNames: string[];
  /** VPC Lattice target groups attached as `vpc-lattice` traffic sources, by ARN. */
  latticeTargetGroupArns: string[];
  tags: GroupTag[];
  suspendedProcesses: string[];
  /** `EC2` (default) or `ELB`: reported only, target health does not feed the group's health. */
  healthCheckType?: string;
  warmPool?: WarmPoolRecord;
  instanceMaintenancePolicy?: { minHealthyPercentage: number; maxHealthyPercentage: number };
  /** DefaultInstanceWarmup in seconds, when set: only reported (the account's groups launch without a warmup). */
  defaultInstanceWarmup?: number;
  createdTime: number;
}

export interface WarmPoolRecord {
  minSize: number;
  /** What warmed instances wait as: `Warmed:Stopped` (default), `Warmed:Running`, `Warmed:Hibernated`. */
  poolState: 'Stopped' | 'Running' | 'Hibernated';
  /** Default: the group's max size, so the pool holds max − desired (at least minSize). */
  maxGroupPreparedCapacity?: number;
}

export interface TemplateVersionRecord {
  number: number;
  /** An AMI ID or `resolve:ssm:/parameter`. */
  imageId: string;
  instanceType?: string;
  createdAt: number;
}

export interface TemplateRecord {
  id: string;
  name: string;
  defaultVersion: number;
  versions: TemplateVersionRecord[];
}

export interface LaunchConfigurationRecord {
  name: string;
  imageId: string;
  instanceType: string;
  createdAt: number;
}

export interface ParameterRecord {
  name: string;
  type: 'String' | 'StringList' | 'SecureString';
  value: string;
  version: number;
  lastModified: number;
}

export interface AlarmRecord {
  name: string;
  type: 'MetricAlarm' | 'CompositeAlarm';
  state: AlarmState;
  updatedAt: number;
}

export interface InstanceRefreshRecord {
  id: string;
  group: string;
  status: string;
  startTime: number;
}

/** A scaling activity as DescribeScalingActivities lists it (times in epoch ms). */
export interface ActivityRecord {
  id: string;
  group: string;
  description: string;
  cause: string;
  startTime: number;
  endTime?: number;
  statusCode: 'InProgress' | 'Successful' | 'Failed';
  statusMessage?: string;
  progress: number;
  /** JSON text, as AWS gives it: subnet and zone. */
  details: string;
}

export interface PublishedMessage {
  messageId: string;
  topicArn: string;
  subject?: string;
  message: string;
  at: number;
}

/** A KMS key: its spec and usage, its state, and its secret material (base64), so MACs survive a saved account. */
export interface KmsKeyRecord {
  keyId: string;
  arn: string;
  keySpec: 'HMAC_224' | 'HMAC_256' | 'HMAC_384' | 'HMAC_512' | 'SYMMETRIC_DEFAULT';
  keyUsage: 'GENERATE_VERIFY_MAC' | 'ENCRYPT_DECRYPT';
  state: 'Enabled' | 'Disabled' | 'PendingDeletion';
  material: string;
  description: string;
  createdAt: number;
}

/** A zone of the region, as DescribeAvailabilityZones lists it. */
export interface ZoneRecord {
  name: string;
  type: 'availability-zone' | 'local-zone' | 'wavelength-zone';
  optInStatus: 'opt-in-not-required' | 'opted-in' | 'not-opted-in';
}

export interface AccountState {
  accountId: string;
  region: string;
  /** Source of every generated ID, so runs are reproducible. */
  counter: number;
  pageSizes: PageSizes;
  images: Record<string, ImageRecord>;
  instances: Record<string, InstanceRecord>;
  groups: Record<string, GroupRecord>;
  templates: Record<string, TemplateRecord>;
  launchConfigurations: Record<string, LaunchConfigurationRecord>;
  parameters: Record<string, ParameterRecord>;
  alarms: Record<string, AlarmRecord>;
  /**
   * Target group ARN → registration → health state (`initial`, `healthy`, `unhealthy`, `draining`, ...). A registration
   * on the target group's port is keyed by the instance ID, one on another port by `ID:PORT` (registrations.ts).
   */
  targetGroups: Record<string, Record<string, string>>;
  /** Target group ARN → the state new registrations settle at (default `healthy`). */
  newTargetHealth: Record<string, string>;
  /** Classic Load Balancer name → instance ID → `registering`, `InService`, `OutOfService` or `deregistering`. */
  classicLoadBalancers: Record<string, Record<string, ClassicInstanceState>>;
  /** Classic Load Balancer name → the state new registrations settle at (default `InService`). */
  newClassicHealth: Record<string, ClassicHealth>;
  /** VPC Lattice target group ARN → registration (keyed as `targetGroups`) → status. */
  latticeTargetGroups: Record<string, Record<string, LatticeTargetStatus>>;
  /** VPC Lattice target group ARN → the status new registrations settle at (default `HEALTHY`). */
  newLatticeTargetStatus: Record<string, LatticeTargetStatus>;
  instanceRefreshes: InstanceRefreshRecord[];
  /** Oldest first; append-only, so instances can point into it. */
  activities: ActivityRecord[];
  published: PublishedMessage[];
  /** KMS keys by key ID. */
  kmsKeys: Record<string, KmsKeyRecord>;
  /** The region's zones, listed or not, opted in or not. */
  zones: ZoneRecord[];
}
