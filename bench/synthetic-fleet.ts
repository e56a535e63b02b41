import type { FleetSnapshot, GroupGates, GroupMember, GroupSnapshot, ImageSnapshot, InstanceSnapshot } from '../lambda/model/fleet';
import type { RunPolicy } from '../lambda/model/run-policy';
import { TAG } from '../lambda/policy/tag-keys';
import { seededRandom } from '../local/seeded-random';

const DAY = 86_400_000;

export interface SyntheticFleet {
  readonly snapshot: FleetSnapshot;
  readonly policy: RunPolicy;
  readonly gates: ReadonlyMap<string, GroupGates>;
  readonly now: number;
}

export interface SyntheticFleetSpec {
  readonly instances: number;
  readonly groupSize: number;
  readonly images: number;
  /** Share of the instances that belong to no group. */
  readonly unmanagedShare: number;
}

function makeImages(count: number, now: number, next: () => number): ImageSnapshot[] {
  return Array.from({ length: count }, (_, index) => {
    const roll = next();
    return {
      imageId: `ami-${index.toString(16).padStart(8, '0')}`,
      // Some gone, some deprecated, so every AMI rule has work to do.
      state: roll < 0.05 ? 'deregistered' : 'available',
      creationDate: now - Math.floor(next() * 200) * DAY,
      deprecationTime: roll > 0.9 ? now - DAY : undefined,
    };
  });
}

/** Tags that make groups differ the way real fleets do: own lifetimes, windows, surges, exemptions, a few malformed. */
function groupTags(index: number): Record<string, string> {
  const tags: Record<string, string> = {};
  if (index % 10 === 1) tags[TAG.maxAgeDays] = '14';
  if (index % 10 === 2) tags[TAG.window] = 'Mon-Fri 02:00-05:00 Europe/Berlin; Sat,Sun 00:00-06:00 UTC';
  if (index % 10 === 3) tags[TAG.budget] = '25%';
  if (index % 25 === 4) tags[TAG.surge] = 'true';
  if (index % 50 === 5) tags[TAG.exempt] = 'true';
  if (index % 100 === 6) tags[TAG.rotateBefore] = '2026-11-01T00:00:00Z';
  if (index % 500 === 7) tags[TAG.graceDays] = 'soon';
  return tags;
}

function makeInstance(id: string, imageId: string, now: number, next: () => number, group?: string): InstanceSnapshot {
  const firstLaunch = now - Math.floor(next() * 60 * DAY);
  // A stopped-and-started instance: LaunchTime is recent, its root volume tells its real age.
  const restarted = next() < 0.1;
  return {
    instanceId: id,
    state: 'running',
    imageId,
    instanceType: next() < 0.5 ? 'm7g.large' : 'c7g.large',
    launchTime: restarted ? now - DAY : firstLaunch,
    primaryEniAttachTime: firstLaunch,
    rootVolumeAttachTime: firstLaunch,
    tags: group === undefined ? { Name: id } : { Name: id, 'aws:autoscaling:groupName': group },
  };
}

function makeMember(instanceId: string, next: () => number): GroupMember {
  const roll = next();
  return {
    instanceId,
    lifecycleState: roll < 0.01 ? 'Standby' : 'InService',
    healthStatus: 'Healthy',
    weight: 1,
    protectedFromScaleIn: roll > 0.99,
  };
}

/** The policy's defaults, with emergency targets so those paths are timed too. */
function benchPolicy(images: readonly ImageSnapshot[], instances: ReadonlyMap<string, InstanceSnapshot>): RunPolicy {
  return {
    dryRun: false,
    defaultMaxAgeDays: 28,
    amiMaxAgeDays: 180,
    amiDrift: true,
    blockedAmiIds: images.slice(0, 2).map((image) => image.imageId),
    targetedInstanceIds: [...instances.keys()].filter((_, index) => index % 5_000 === 0),
    defaultGroupBudget: { kind: 'count', value: 1 },
    maxTerminations: 20,
    alarmNames: [],
    defaultGraceDays: 7,
    lifetimeJitterPercent: 10,
    surgeTimeoutMinutes: 60,
  };
}

/** A fleet of the given size: groups of `groupSize` members launched from a few hundred AMIs, some drifted, plus unmanaged instances. */
export function syntheticFleet(spec: SyntheticFleetSpec, now = Date.parse('2026-11-24T12:00:00Z')): SyntheticFleet {
  const next = seededRandom(42);
  const images = makeImages(spec.images, now, next);
  const imageAt = (index: number) => images[index % images.length]?.imageId ?? 'ami-unknown';
  const managed = Math.round(spec.instances * (1 - spec.unmanagedShare));
  const instances = new Map<string, InstanceSnapshot>();
  const groups: GroupSnapshot[] = [];
  for (let start = 0, index = 0; start < managed; start += spec.groupSize, index += 1) {
    const name = `asg-${index}`;
    const launchImageId = imageAt(index);
    const members: GroupMember[] = [];
    for (let n = start; n < Math.min(start + spec.groupSize, managed); n++) {
      const id = `i-${n.toString(16).padStart(17, '0')}`;
      // One in five runs an AMI other than the one its group launches now.
      instances.set(id, makeInstance(id, next() < 0.2 ? imageAt(n) : launchImageId, now, next, name));
      members.push(makeMember(id, next));
    }
    const desiredCapacity = members.length;
    const tags = groupTags(index);
    groups.push({ name, minSize: 0, maxSize: desiredCapacity + 2, desiredCapacity, desiredCapacityType: 'units', suspendedProcesses: [], tags, members, targetGroupArns: [], loadBalancerNames: [], latticeTargetGroupArns: [], launchImages: { imageId: launchImageId, imageIdByInstanceType: {} } });
  }
  for (let n = managed; n < spec.instances; n++) {
    const id = `i-${n.toString(16).padStart(17, '0')}`;
    instances.set(id, makeInstance(id, imageAt(n), now, next));
  }
  const snapshot: FleetSnapshot = { groups, instances, images: new Map(images.map((image) => [image.imageId, image])), blockedAmiIds: [], warmPoolInstanceIds: new Set(), limitedToGroups: false, errors: [] };
  const gates = new Map(groups.map((group) => [group.name, { instanceRefreshActive: false, alarmsHolding: [], alarmsUnknown: [], unhealthyTargets: [], readFailures: [] }]));
  return { snapshot, policy: benchPolicy(images, instances), gates, now };
}
