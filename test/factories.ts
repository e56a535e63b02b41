import type {
  FleetSnapshot,
  GroupGates,
  GroupMember,
  GroupSnapshot,
  ImageSnapshot,
  InstanceSnapshot,
  RunError,
  SurgeProofCheck,
  Tags,
} from '../lambda/model/fleet';
import type { RunPolicy } from '../lambda/model/run-policy';
import { buildPlan } from '../lambda/plan/build-plan';
import type { Plan } from '../lambda/plan/plan';
import type { FleetEvaluation } from '../lambda/policy/evaluation';
import { evaluateFleet } from '../lambda/policy/evaluate-fleet';

/** The fixed clock of every pure-layer test: Tuesday 2026-11-24 12:00 UTC (13:00 in Europe/Berlin). */
export const NOW = Date.parse('2026-11-24T12:00:00Z');
export const DAY = 86_400_000;
export const SECOND = 1_000;

/** The AMI groups launch by default, and instances run by default. */
export const CURRENT_AMI = 'ami-current';

export const daysAgo = (days: number, now = NOW): number => now - days * DAY;

export interface InstanceSpec {
  readonly id?: string;
  /** Age of every first-launch witness (LaunchTime, ENI and root volume attach) unless one is given on its own. */
  readonly ageDays?: number;
  readonly launchAgeDays?: number;
  readonly eniAgeDays?: number;
  readonly rootAgeDays?: number;
  readonly imageId?: string;
  readonly instanceType?: string;
  readonly tags?: Tags;
  readonly state?: string;
}

export function makeInstance(spec: InstanceSpec = {}): InstanceSnapshot {
  const ageDays = spec.ageDays ?? 1;
  return {
    instanceId: spec.id ?? 'i-1',
    state: spec.state ?? 'running',
    imageId: spec.imageId ?? CURRENT_AMI,
    instanceType: spec.instanceType,
    launchTime: daysAgo(spec.launchAgeDays ?? ageDays),
    primaryEniAttachTime: daysAgo(spec.eniAgeDays ?? ageDays),
    rootVolumeAttachTime: daysAgo(spec.rootAgeDays ?? ageDays),
    tags: spec.tags ?? {},
  };
}

export interface MemberSpec {
  readonly id: string;
  readonly lifecycleState?: string;
  readonly healthStatus?: string;
  readonly protectedFromScaleIn?: boolean;
  readonly instanceType?: string;
  /** Capacity units (WeightedCapacity); defaults to 1. */
  readonly weight?: number;
}

export function makeMember(spec: MemberSpec | string): GroupMember {
  const member = typeof spec === 'string' ? { id: spec } : spec;
  return {
    instanceId: member.id,
    lifecycleState: member.lifecycleState ?? 'InService',
    healthStatus: member.healthStatus ?? 'Healthy',
    protectedFromScaleIn: member.protectedFromScaleIn ?? false,
    instanceType: member.instanceType,
    weight: member.weight ?? 1,
  };
}

export interface GroupSpec {
  readonly name?: string;
  /** Defaults to the number of members. */
  readonly desired?: number;
  readonly min?: number;
  /** Defaults to desired + 2. */
  readonly max?: number;
  readonly members?: readonly (MemberSpec | string)[];
  readonly tags?: Tags;
  readonly suspended?: readonly string[];
  readonly status?: string;
  /** What the group launches now; `null` = could not be resolved. */
  readonly launchImageId?: string | null;
  readonly imageIdByInstanceType?: Readonly<Record<string, string>>;
  readonly maxHealthyPercentage?: number;
  readonly targetGroupArns?: readonly string[];
  readonly loadBalancerNames?: readonly string[];
  readonly latticeTargetGroupArns?: readonly string[];
  readonly desiredCapacityType?: string;
  /**
   * The inventory's check of the surge-state tag's proof. A group carrying the tag defaults to a valid proof, as the
   * function's own records read: the refusals are tested with an explicit check.
   */
  readonly surgeProof?: SurgeProofCheck;
}

export function makeGroup(spec: GroupSpec = {}): GroupSnapshot {
  const members = (spec.members ?? []).map(makeMember);
  const desired = spec.desired ?? members.reduce((units, member) => units + member.weight, 0);
  const launchImageId = spec.launchImageId === undefined ? CURRENT_AMI : spec.launchImageId;
  return {
    name: spec.name ?? 'web',
    minSize: spec.min ?? 0,
    maxSize: spec.max ?? desired + 2,
    desiredCapacity: desired,
    desiredCapacityType: spec.desiredCapacityType ?? 'units',
    status: spec.status,
    suspendedProcesses: spec.suspended ?? [],
    tags: spec.tags ?? {},
    members,
    targetGroupArns: spec.targetGroupArns ?? [],
    loadBalancerNames: spec.loadBalancerNames ?? [],
    latticeTargetGroupArns: spec.latticeTargetGroupArns ?? [],
    maxHealthyPercentage: spec.maxHealthyPercentage,
    launchImages:
      launchImageId === null ? undefined : { imageId: launchImageId, imageIdByInstanceType: spec.imageIdByInstanceType ?? {} },
    surgeProof: spec.surgeProof ?? (spec.tags?.['instance-reaper:surge-state'] === undefined ? undefined : { verdict: 'valid' }),
  };
}

export interface ImageSpec {
  readonly id?: string;
  readonly state?: string;
  readonly createdDaysAgo?: number;
  /** Positive: deprecated that many days ago; negative: deprecation is that many days ahead. */
  readonly deprecatedDaysAgo?: number;
}

export function makeImage(spec: ImageSpec = {}): ImageSnapshot {
  return {
    imageId: spec.id ?? CURRENT_AMI,
    state: spec.state ?? 'available',
    creationDate: daysAgo(spec.createdDaysAgo ?? 10),
    deprecationTime: spec.deprecatedDaysAgo === undefined ? undefined : daysAgo(spec.deprecatedDaysAgo),
  };
}

export interface SnapshotSpec {
  readonly groups?: readonly GroupSnapshot[];
  readonly instances?: readonly InstanceSnapshot[];
  /** Defaults to the current AMI, available and 10 days old. */
  readonly images?: readonly ImageSnapshot[];
  readonly blockedAmiIds?: readonly string[];
  readonly limitedToGroups?: boolean;
  readonly warmPoolInstanceIds?: readonly string[];
  readonly errors?: readonly RunError[];
}

/**
 * A fleet as read. Images default to the current AMI; every AMI a group launches that `images` does not name is
 * added as available (a test of a group that cannot launch names its AMI's state).
 */
export function makeSnapshot(spec: SnapshotSpec = {}): FleetSnapshot {
  const groups = spec.groups ?? [];
  const images = new Map((spec.images ?? [makeImage()]).map((image) => [image.imageId, image]));
  for (const group of groups) {
    const launch = group.launchImages;
    for (const imageId of launch ? [launch.imageId, ...Object.values(launch.imageIdByInstanceType)] : []) {
      if (imageId && !images.has(imageId)) images.set(imageId, makeImage({ id: imageId }));
    }
  }
  return {
    groups,
    instances: new Map((spec.instances ?? []).map((instance) => [instance.instanceId, instance])),
    images,
    blockedAmiIds: spec.blockedAmiIds ?? [],
    warmPoolInstanceIds: new Set(spec.warmPoolInstanceIds ?? []),
    limitedToGroups: spec.limitedToGroups ?? false,
    errors: spec.errors ?? [],
  };
}

/** A group and its instances in one go: each instance becomes an InService, Healthy member unless `members` says otherwise. */
export function makeFleet(
  entries: readonly { group: GroupSpec; instances: readonly InstanceSpec[] }[],
  extra: Omit<SnapshotSpec, 'groups'> = {},
): FleetSnapshot {
  const groups = entries.map(({ group, instances }) =>
    makeGroup({ ...group, members: group.members ?? instances.map((instance) => instance.id ?? 'i-1') }),
  );
  const instances = [...entries.flatMap((entry) => entry.instances.map(makeInstance)), ...(extra.instances ?? [])];
  return makeSnapshot({ ...extra, groups, instances });
}

/** A RunPolicy with the documented defaults. */
export function makePolicy(overrides: Partial<RunPolicy> = {}): RunPolicy {
  return {
    dryRun: false,
    defaultMaxAgeDays: 28,
    amiDrift: true,
    blockedAmiIds: [],
    targetedInstanceIds: [],
    defaultGroupBudget: { kind: 'count', value: 1 },
    maxTerminations: 20,
    alarmNames: [],
    defaultGraceDays: 7,
    lifetimeJitterPercent: 0,
    surgeTimeoutMinutes: 60,
    ...overrides,
  };
}

/** Gates of a group that is free to act: no refresh, no alarm, every target healthy. */
export function stableGates(overrides: Partial<GroupGates> = {}): GroupGates {
  return { instanceRefreshActive: false, alarmsHolding: [], alarmsUnknown: [], unhealthyTargets: [], readFailures: [], ...overrides };
}

/** Stable gates for every group of the snapshot, with per-group overrides. */
export function gatesFor(snapshot: FleetSnapshot, overrides: Readonly<Record<string, Partial<GroupGates>>> = {}): Map<string, GroupGates> {
  return new Map(snapshot.groups.map((group) => [group.name, stableGates(overrides[group.name])]));
}

/** Evaluates and plans in one step, with stable gates unless given. */
export function planFor(
  snapshot: FleetSnapshot,
  policy: RunPolicy = makePolicy(),
  options: { gates?: ReadonlyMap<string, GroupGates>; now?: number } = {},
): { plan: Plan; evaluation: FleetEvaluation } {
  const now = options.now ?? NOW;
  const evaluation = evaluateFleet(snapshot, policy, now);
  const gates = options.gates ?? gatesFor(snapshot);
  const scanned = { groups: snapshot.groups.length, instances: evaluation.scannedInstances };
  return { plan: buildPlan({ evaluation, gates, policy, now, scanned }), evaluation };
}
