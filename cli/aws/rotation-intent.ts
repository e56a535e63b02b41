import { CreateOrUpdateTagsCommand, DeleteTagsCommand, paginateDescribeAutoScalingGroups } from '@aws-sdk/client-auto-scaling';
import { GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { readGroups, toGroupSnapshot } from '../../lambda/inventory/read-groups';
import type { GroupSnapshot } from '../../lambda/model/fleet';
import { TAG } from '../../lambda/policy/tag-keys';
import { UsageError } from '../errors';
import type { CliClients } from './cli-clients';

/** The named groups; a name that does not exist is refused before anything is changed. */
export async function readNamedGroups(clients: CliClients, names: readonly string[]): Promise<GroupSnapshot[]> {
  const { groups, errors } = await readGroups(clients, names);
  if (errors.length > 0) throw new UsageError(`Auto Scaling group not found: ${errors.map((error) => error.group).join(', ')}; nothing was changed`);
  return groups.map(toGroupSnapshot);
}

const groupTag = (group: string) => ({ ResourceId: group, ResourceType: 'auto-scaling-group', Key: TAG.rotateBefore });

/** Persists the request: every instance of these groups first launched before `before` is due on every run until replaced. */
export async function requestGroupRotation(clients: CliClients, groups: readonly string[], before: string): Promise<void> {
  const tags = groups.map((group) => ({ ...groupTag(group), Value: before, PropagateAtLaunch: false }));
  await clients.autoScaling.send(new CreateOrUpdateTagsCommand({ Tags: tags }));
}

/** Withdraws a group rotation that has not finished; instances already replaced stay replaced. */
export async function cancelGroupRotation(clients: CliClients, groups: readonly string[]): Promise<void> {
  await clients.autoScaling.send(new DeleteTagsCommand({ Tags: groups.map(groupTag) }));
}

export interface BlockedAmis {
  readonly exists: boolean;
  readonly amiIds: readonly string[];
  /** When the list last changed (ISO time), when the parameter exists. */
  readonly modified?: string;
}

/** The blocked-AMIs parameter as the function reads it: a String or StringList; missing or `none` blocks nothing. */
export async function readBlockedAmiList(clients: CliClients, name: string): Promise<BlockedAmis> {
  try {
    const parameter = (await clients.ssm.send(new GetParameterCommand({ Name: name }))).Parameter;
    const value = parameter?.Value?.trim() ?? '';
    const amiIds = value.toLowerCase() === 'none' ? [] : value.split(/[\s,]+/).filter(Boolean);
    return { exists: true, amiIds, ...(parameter?.LastModifiedDate ? { modified: parameter.LastModifiedDate.toISOString() } : {}) };
  } catch (error) {
    if (error instanceof Error && error.name === 'ParameterNotFound') return { exists: false, amiIds: [] };
    throw error;
  }
}

/** An empty list is written as `none`: SSM refuses an empty value, and the function reads `none` as nothing blocked. */
async function writeBlockedAmiList(clients: CliClients, name: string, current: BlockedAmis, amiIds: readonly string[]): Promise<void> {
  const value = amiIds.length > 0 ? amiIds.join(',') : 'none';
  // The type is only given on creation, so an existing String parameter keeps its type.
  const type = current.exists ? {} : { Type: 'StringList' as const };
  await clients.ssm.send(new PutParameterCommand({ Name: name, Value: value, Overwrite: current.exists, ...type }));
}

/** Adds AMIs to the list, keeping the ones already there; returns the new list. */
export async function blockAmis(clients: CliClients, name: string, amiIds: readonly string[]): Promise<readonly string[]> {
  const current = await readBlockedAmiList(clients, name);
  const next = [...new Set([...current.amiIds, ...amiIds])];
  if (next.length !== current.amiIds.length || !current.exists) await writeBlockedAmiList(clients, name, current, next);
  return next;
}

/** Removes AMIs from the list; returns the new list. */
export async function unblockAmis(clients: CliClients, name: string, amiIds: readonly string[]): Promise<readonly string[]> {
  const current = await readBlockedAmiList(clients, name);
  const next = current.amiIds.filter((id) => !amiIds.includes(id));
  if (next.length !== current.amiIds.length) await writeBlockedAmiList(clients, name, current, next);
  return next;
}

export interface GroupRotation {
  readonly group: string;
  readonly before: string;
}

/** Groups carrying a rotate-before tag: rotations requested and not withdrawn. */
export async function readGroupRotations(clients: CliClients): Promise<GroupRotation[]> {
  const rotations: GroupRotation[] = [];
  const request = { Filters: [{ Name: 'tag-key', Values: [TAG.rotateBefore] }], MaxRecords: 100 };
  for await (const page of paginateDescribeAutoScalingGroups({ client: clients.autoScaling }, request)) {
    for (const group of page.AutoScalingGroups ?? []) {
      const before = group.Tags?.find((tag) => tag.Key === TAG.rotateBefore)?.Value;
      if (before !== undefined) rotations.push({ group: group.AutoScalingGroupName ?? '', before });
    }
  }
  return rotations;
}
