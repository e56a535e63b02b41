import type { LaunchTemplateVersion } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../clients';
import { readTemplateVersions } from './read-template-versions';

/** `$Latest` and `$Default` are all a template can be asked for in one account-wide call; numbers need their template. */
export const ALIASES: ReadonlySet<string> = new Set(['$Latest', '$Default']);

/** The account-wide listing, started once, by whoever needs it first (the run may start it before its groups are all read). */
export type AliasListing = () => Promise<Map<string, LaunchTemplateVersion[]> | undefined>;

/**
 * The `$Latest` and `$Default` versions of every launch template in the account, in a few paginated calls,
 * by template ID and by name. Undefined when the listing fails: the caller then asks template by template.
 */
export async function listAliasVersions(clients: AwsClients): Promise<Map<string, LaunchTemplateVersion[]> | undefined> {
  const byTemplate = new Map<string, LaunchTemplateVersion[]>();
  try {
    for (const version of await readTemplateVersions(clients, { Versions: [...ALIASES], ResolveAlias: true, MaxResults: 200 })) {
      for (const key of [version.LaunchTemplateId, version.LaunchTemplateName]) {
        if (key) byTemplate.set(key, [...(byTemplate.get(key) ?? []), version]);
      }
    }
    return byTemplate;
  } catch {
    return undefined;
  }
}
