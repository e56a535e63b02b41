import { UsageError } from './errors';
import { validateOverrides } from './overrides-event';
import type { CliOptions } from './parse-cli-args';

export type RotationRequest = { readonly kind: 'groups'; readonly groups: readonly string[] } | { readonly kind: 'amis'; readonly amiIds: readonly string[] };

/** Exactly one of --ami or --group, each checked by the function's event schema before anything is read or changed (a group's existence is checked next, still before any change). */
export function rotationRequest(options: CliOptions, command = 'rotate'): RotationRequest {
  const hasGroups = options.groups.length > 0;
  const hasAmis = options.amiIds.length > 0;
  if (hasGroups === hasAmis) throw new UsageError(`'${command}' takes --ami AMI ... or --group GROUP ..., ${hasGroups ? 'not both' : 'one of them'}`);
  if (hasAmis) return { kind: 'amis', amiIds: validateOverrides({ amiIds: [...new Set(options.amiIds)] }).amiIds ?? [] };
  return { kind: 'groups', groups: validateOverrides({ groups: [...new Set(options.groups)] }).groups ?? [] };
}
