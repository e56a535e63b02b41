import type { RunSettings } from '../../lambda/config/load-run-policy';
import type { GroupGates, GroupMember, GroupSnapshot, InstanceSnapshot } from '../../lambda/model/fleet';
import { surgeProofMessage } from '../../lambda/policy/surge-proof';
import { TAG } from '../../lambda/policy/tag-keys';
import { FakeAccount } from '../../local/fake-aws/account';
import type { InstanceSpec } from '../../local/fake-aws/seed-fleet';
import { AWS_PAGE_SIZES, type Ec2State } from '../../local/fake-aws/state';
import { copyImages, copyLaunchSource } from './copy-launch-sources';
import type { SourceFleet } from './read-source-fleet';

/** A private, in-memory account holding what was read; the forecast's runs change it, never the source. */
export interface FleetCopy {
  readonly account: FakeAccount;
  /** What the copy could not carry over as read, for the operator. */
  readonly notes: readonly string[];
  /** The copy's own surge-state key: the forecast's runs sign and verify with it. */
  readonly stateKeyArn: string;
}

/**
 * A surge under way whose record verified in the source is signed again for the copy (its own key, the copied group's
 * ARN); one that did not verify is copied as it is, and refused in the forecast as it would be in the account.
 */
function signCopiedSurges(account: FakeAccount, groups: readonly GroupSnapshot[], stateKeyArn: string): void {
  for (const group of groups) {
    const record = group.tags[TAG.surgeState];
    if (record === undefined || group.surgeProof?.verdict !== 'valid') continue;
    account.setGroupTag(group.name, TAG.surgeProof, account.generateMac(stateKeyArn, surgeProofMessage(account.group(group.name).arn, record)));
  }
}

/**
 * New IDs the copy hands out (replacements, templates) continue after the largest one copied, so
 * they never collide with an instance or AMI read from the source.
 */
function continueIdsAfter(account: FakeAccount, ids: Iterable<string>): void {
  let largest = 0;
  for (const id of ids) {
    const value = Number.parseInt(id.slice(id.indexOf('-') + 1), 16);
    if (Number.isSafeInteger(value)) largest = Math.max(largest, value);
  }
  account.state.counter = largest;
}

/** EC2 fields of an instance; absent times fall back to the others, as the reader counts age from the earliest. */
function instanceFields(instance: InstanceSnapshot, readAt: number): Omit<InstanceSpec, 'group'> & { imageId: string } {
  const launchTime = instance.launchTime ?? instance.primaryEniAttachTime ?? instance.rootVolumeAttachTime ?? readAt;
  return {
    instanceId: instance.instanceId,
    imageId: instance.imageId ?? '',
    ...(instance.instanceType !== undefined ? { instanceType: instance.instanceType } : {}),
    state: instance.state as Ec2State,
    launchTime,
    eniAttachTime: instance.primaryEniAttachTime ?? launchTime,
    rootVolumeAttachTime: instance.rootVolumeAttachTime ?? launchTime,
    tags: { ...instance.tags },
  };
}

function copyMember(account: FakeAccount, group: GroupSnapshot, member: GroupMember, instance: InstanceSnapshot, readAt: number): void {
  account.addInstance({
    ...instanceFields(instance, readAt),
    ...(member.instanceType !== undefined ? { instanceType: member.instanceType } : {}),
    group: group.name,
    lifecycleState: member.lifecycleState,
    healthStatus: member.healthStatus,
    protectedFromScaleIn: member.protectedFromScaleIn,
  });
}

/** Gates as read, held for the whole forecast: an active refresh never finishes, an unhealthy target stays unhealthy. */
function holdGates(account: FakeAccount, group: GroupSnapshot, gates: GroupGates | undefined): void {
  if (gates?.instanceRefreshActive) account.startInstanceRefresh(group.name, 'InProgress');
  for (const instanceId of gates?.unhealthyTargets ?? []) {
    for (const arn of group.targetGroupArns) account.setTargetHealth(arn, instanceId, 'unhealthy');
  }
}

function copyGroup(account: FakeAccount, source: SourceFleet, group: GroupSnapshot, notes: string[]): void {
  account.addGroup({
    name: group.name,
    minSize: group.minSize,
    maxSize: group.maxSize,
    desiredCapacity: group.desiredCapacity,
    ...(group.status ? { status: group.status } : {}),
    suspendedProcesses: group.suspendedProcesses,
    // The reader keeps no PropagateAtLaunch: replacements carry only the group-name tag, as every member does.
    tags: group.tags,
    targetGroupArns: group.targetGroupArns,
    ...(group.maxHealthyPercentage !== undefined ? { instanceMaintenancePolicy: { minHealthyPercentage: 100, maxHealthyPercentage: group.maxHealthyPercentage } } : {}),
    ...copyLaunchSource(account, group),
  });
  if (!group.launchImages) notes.push(`${group.name}: what it launches could not be resolved, so the forecast launches no replacements for it`);
  for (const member of group.members) {
    const instance = source.snapshot.instances.get(member.instanceId);
    if (instance) copyMember(account, group, member, instance, source.readAt);
    else notes.push(`${group.name}: member ${member.instanceId} (${member.lifecycleState}) was not described by EC2 and is left out`);
  }
  holdGates(account, group, source.gates.get(group.name));
}

/** Alarms hold the groups that watch them exactly as now: not OK (or missing) reads as ALARM for the whole forecast. */
function copyAlarms(account: FakeAccount, source: SourceFleet): void {
  const holding = new Set([...source.gates.values()].flatMap((gates) => gates.alarmsHolding));
  for (const name of source.alarmNames) account.addAlarm(name, { state: holding.has(name) ? 'ALARM' : 'OK' });
}

/** AMIs instances run that the reader could not describe are copied as available: unknown is not judged, nor is available. */
function undescribedImages(source: SourceFleet): string[] {
  const ids = [...source.snapshot.instances.values()].flatMap((instance) => (instance.imageId ? [instance.imageId] : []));
  return [...new Set(ids)].filter((id) => !source.snapshot.images.has(id));
}

/**
 * Copies what was read into a private in-memory account: groups with their sizes, tags, suspended
 * processes, status and members; instances with launch and attach times and AMIs; AMIs with state,
 * creation and deprecation; what each group launches now; the blocked AMIs; the health gates.
 */
export function copyFleet(source: SourceFleet, settings: RunSettings, now: () => number): FleetCopy {
  const { snapshot } = source;
  const account = new FakeAccount({ now, pageSizes: AWS_PAGE_SIZES });
  const notes: string[] = [];
  continueIdsAfter(account, [...snapshot.instances.keys(), ...snapshot.images.keys()]);
  copyImages(account, [...snapshot.images.values()], source.readAt);
  const undescribed = undescribedImages(source);
  copyImages(account, undescribed.map((imageId) => ({ imageId, state: 'available' })), source.readAt);
  if (undescribed.length > 0) notes.push(`AMIs that could not be described are taken as available: ${undescribed.join(', ')}`);
  if (settings.blockedAmisParameter) account.putParameter(settings.blockedAmisParameter, snapshot.blockedAmiIds.join(',') || 'none', 'StringList');
  copyAlarms(account, source);
  for (const group of snapshot.groups) copyGroup(account, source, group, notes);
  const stateKeyArn = account.createKey();
  signCopiedSurges(account, snapshot.groups, stateKeyArn);
  const members = new Set(snapshot.groups.flatMap((group) => group.members.map((member) => member.instanceId)));
  // Instances in no group copied (unmanaged, warm pools, groups out of scope): reported or skipped as the source's are.
  for (const instance of snapshot.instances.values()) {
    if (!members.has(instance.instanceId) && instance.imageId !== undefined) account.addInstance(instanceFields(instance, source.readAt));
  }
  return { account, notes, stateKeyArn };
}
