import { UsageError } from './errors';
import { validateOverrides } from './overrides-event';
import type { CliOptions } from './parse-cli-args';

export type RotationRequest =
  | { readonly kind: 'groups'; readonly groups: readonly string[] }
  | { readonly kind: 'amis'; readonly amiIds: readonly string[] }
  | { readonly kind: 'instances'; readonly instanceIds: readonly string[] };

/**
 * Exactly one of --ami, --group or (for `rotate`) --instance, each checked by the function's event schema before
 * anything is read or changed (a group's existence is checked next, still before any change).
 */
export function rotationRequest(options: CliOptions, command?: 'rotate'): RotationRequest;
/** `unblock` withdraws what was recorded: AMIs or groups (an instance request is never recorded; the parser refuses --instance). */
export function rotationRequest(options: CliOptions, command: 'unblock'): Exclude<RotationRequest, { kind: 'instances' }>;
export function rotationRequest(options: CliOptions, command: 'rotate' | 'unblock' = 'rotate'): RotationRequest {
  const flags = command === 'rotate' ? '--ami AMI ..., --group GROUP ... or --instance ID ...' : '--ami AMI ... or --group GROUP ...';
  const lists = command === 'rotate' ? [options.groups, options.amiIds, options.instanceIds] : [options.groups, options.amiIds];
  const given = lists.filter((list) => list.length > 0).length;
  if (given !== 1) throw new UsageError(`'${command}' takes ${flags}, ${given === 0 ? 'one of them' : command === 'rotate' ? 'not more than one' : 'not both'}`);
  if (options.amiIds.length > 0) return { kind: 'amis', amiIds: validateOverrides({ amiIds: [...new Set(options.amiIds)] }).amiIds ?? [] };
  if (command === 'rotate' && options.instanceIds.length > 0) return { kind: 'instances', instanceIds: validateOverrides({ instanceIds: [...new Set(options.instanceIds)] }).instanceIds ?? [] };
  return { kind: 'groups', groups: validateOverrides({ groups: [...new Set(options.groups)] }).groups ?? [] };
}
