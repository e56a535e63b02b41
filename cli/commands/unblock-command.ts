import { TAG } from '../../lambda/policy/tag-keys';
import { findDeployment } from '../aws/find-deployment';
import { cancelGroupRotation, readNamedGroups, unblockAmis } from '../aws/rotation-intent';
import { deploymentTarget, type CommandContext } from '../command-context';
import { describeDeployment } from '../configured-policy';
import { CommandFailedError } from '../errors';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { rotationRequest } from '../rotation-request';

/**
 * Withdraws what `rotate` recorded: a blocked AMI stays blocked (and keeps rotating whatever launches
 * from it) until removed here; a group's rotate-before tag is deleted, ending a rotation not yet finished.
 */
export async function unblockCommand(context: CommandContext): Promise<ExitCode> {
  const request = rotationRequest(context.options, 'unblock');
  if (request.kind === 'groups') {
    await readNamedGroups(context.clients, request.groups);
    await cancelGroupRotation(context.clients, request.groups);
    context.output.result(`Removed ${TAG.rotateBefore} from ${request.groups.join(', ')}.`, { groups: request.groups, removedTag: TAG.rotateBefore });
    return EXIT_CODES.ok;
  }
  const deployment = await findDeployment(context.clients, deploymentTarget(context.options));
  const parameter = deployment.blockedAmisParameterName;
  if (!parameter) throw new CommandFailedError(`${describeDeployment(deployment)} has no blocked-AMIs parameter (REAPER_BLOCKED_AMIS_PARAMETER)`);
  const blocked = await unblockAmis(context.clients, parameter, request.amiIds);
  const remaining = blocked.length > 0 ? blocked.join(', ') : 'none';
  context.output.result(`Unblocked ${request.amiIds.join(', ')} in ${parameter}; still blocked: ${remaining}.`, { unblocked: request.amiIds, parameter, blockedAmis: blocked });
  return EXIT_CODES.ok;
}
