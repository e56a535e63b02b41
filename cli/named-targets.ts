import type { GroupSnapshot } from '../lambda/model/fleet';
import { findUnknownAmis, findUnknownInstances } from './aws/known-ids';
import { readNamedGroups } from './aws/rotation-intent';
import type { CommandContext } from './command-context';
import { UsageError } from './errors';

export interface NamedTargets {
  readonly groups?: readonly string[];
  readonly amiIds?: readonly string[];
  readonly instanceIds?: readonly string[];
}

const FORCE = 'Pass --force to go on with it anyway.';

/** Where a name was looked for, and what chooses that place: no --region or --profile for the local account, which takes neither. */
export const notFoundWhere = (local: boolean): string => (local ? 'in the local account (check the ID)' : 'in this account and region (check the ID, --region and --profile)');

/**
 * What the operator named must exist before anything is read at length or changed: a group that does not exist is
 * refused always; an AMI no instance runs and EC2 does not know, or an instance EC2 does not know (or only as
 * terminated), is refused unless --force: a typo, or another account or region, would otherwise match nothing, silently.
 */
export async function checkNamedTargets(context: CommandContext, targets: NamedTargets): Promise<GroupSnapshot[]> {
  const groups = targets.groups ? await readNamedGroups(context.clients, targets.groups) : [];
  const amis = await findUnknownAmis(context.clients, targets.amiIds ?? []);
  const instances = await findUnknownInstances(context.clients, targets.instanceIds ?? []);
  const problems = [
    ...amis.nowhere.map((id) => `${id}: no instance runs this AMI and EC2 does not know it`),
    ...instances.map((id) => `${id}: EC2 knows no such instance (or only as terminated)`),
  ];
  for (const id of amis.unchecked) context.output.note(`Warning: ${id}: no instance runs this AMI, and EC2 could not be asked whether it exists.`);
  if (problems.length === 0) return groups;
  const where = notFoundWhere(context.options.local);
  if (!context.options.force) throw new UsageError(`${problems.join('\n')}\nNot found ${where}; nothing was changed. ${FORCE}`);
  for (const problem of problems) context.output.note(`Warning: ${problem}; going on because of --force.`);
  return groups;
}
