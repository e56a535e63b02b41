import { TAG } from '../../lambda/policy/tag-keys';
import { findDeployment } from '../aws/find-deployment';
import { cancelGroupRotation, readBlockedAmiList, readNamedGroups, unblockAmis } from '../aws/rotation-intent';
import { deploymentTarget, type CommandContext } from '../command-context';
import { describeDeployment } from '../configured-policy';
import { CommandFailedError, UsageError } from '../errors';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { rotationRequest } from '../rotation-request';

const listed = (ids: readonly string[]): string => (ids.length > 0 ? ids.join(', ') : 'none');

/** Deletes the groups' rotate-before tag; a group without one is refused, with everything else, before anything changes. */
async function cancelRotations(context: CommandContext, names: readonly string[]): Promise<ExitCode> {
  const groups = await readNamedGroups(context.clients, names);
  const without = groups.filter((group) => group.tags[TAG.rotateBefore] === undefined).map((group) => group.name);
  if (without.length > 0) {
    const requested = groups.length - without.length > 0 ? ` (requested for: ${groups.filter((group) => !without.includes(group.name)).map((group) => group.name).join(', ')})` : '';
    throw new UsageError(`no rotation is requested for ${without.join(', ')}: no ${TAG.rotateBefore} tag${requested}; nothing was changed`);
  }
  await cancelGroupRotation(context.clients, names);
  context.output.result(`Removed ${TAG.rotateBefore} from ${names.join(', ')}.`, { groups: names, removedTag: TAG.rotateBefore });
  return EXIT_CODES.ok;
}

/** Removes AMIs from the blocked list; an AMI that is not on it is refused, with everything else, before anything changes. */
async function unblock(context: CommandContext, amiIds: readonly string[]): Promise<ExitCode> {
  const deployment = await findDeployment(context.clients, deploymentTarget(context.options));
  const parameter = deployment.blockedAmisParameterName;
  if (!parameter) throw new CommandFailedError(`${describeDeployment(deployment)} has no blocked-AMIs parameter (REAPER_BLOCKED_AMIS_PARAMETER)`);
  const current = await readBlockedAmiList(context.clients, parameter);
  const notBlocked = amiIds.filter((id) => !current.amiIds.includes(id));
  if (notBlocked.length > 0) throw new UsageError(`not blocked: ${notBlocked.join(', ')} (${parameter} blocks: ${listed(current.amiIds)}); nothing was changed`);
  const blocked = await unblockAmis(context.clients, parameter, amiIds);
  context.output.result(`Unblocked ${amiIds.join(', ')} in ${parameter}; still blocked: ${listed(blocked)}.`, { unblocked: amiIds, parameter, blockedAmis: blocked });
  return EXIT_CODES.ok;
}

/**
 * Withdraws what `rotate` recorded: a blocked AMI stays blocked (and keeps rotating whatever launches
 * from it) until removed here; a group's rotate-before tag is deleted, ending a rotation not yet finished.
 * Naming something that was not requested is refused (exit 2), so a typo never passes for a withdrawal.
 */
export async function unblockCommand(context: CommandContext): Promise<ExitCode> {
  const request = rotationRequest(context.options, 'unblock');
  return request.kind === 'groups' ? cancelRotations(context, request.groups) : unblock(context, request.amiIds);
}
