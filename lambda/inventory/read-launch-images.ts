import { paginateDescribeLaunchConfigurations, type AutoScalingGroup, type LaunchTemplateSpecification } from '@aws-sdk/client-auto-scaling';
import type { LaunchTemplateVersion } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../clients';
import type { LaunchImages, RunError } from '../model/fleet';
import { chunk } from '../util/chunk';
import { mapWithConcurrency } from '../util/map-with-concurrency';
import { describeError, readFailureCode } from '../util/describe-error';
import { once } from '../util/once';
import { ALIASES, listAliasVersions, type AliasListing } from './list-alias-versions';
import { readTemplateVersions } from './read-template-versions';

/** A template as groups name it: by ID when known, else by name. */
interface TemplateRef {
  readonly key: string;
  readonly byId: boolean;
}

const refOf = (spec: LaunchTemplateSpecification | undefined): TemplateRef | undefined => {
  if (spec?.LaunchTemplateId) return { key: spec.LaunchTemplateId, byId: true };
  if (spec?.LaunchTemplateName) return { key: spec.LaunchTemplateName, byId: false };
  return undefined;
};
const versionOf = (spec: LaunchTemplateSpecification | undefined): string => spec?.Version ?? '$Default';
const slot = (ref: TemplateRef, version: string) => `${ref.key}@${version}`;

/** Every (template, version) a group launches from: its own, and mixed-instances overrides with their own template, by instance type. */
function templateUses(group: AutoScalingGroup): { spec: LaunchTemplateSpecification; instanceType?: string }[] {
  const mixed = group.MixedInstancesPolicy?.LaunchTemplate;
  const base = group.LaunchTemplate ?? mixed?.LaunchTemplateSpecification;
  const overrides = (mixed?.Overrides ?? []).flatMap((override) =>
    override.LaunchTemplateSpecification && override.InstanceType ? [{ spec: override.LaunchTemplateSpecification, instanceType: override.InstanceType }] : [],
  );
  return [...(base ? [{ spec: base }] : []), ...overrides];
}

/** Maps each requested version string to the AMI of the version AWS returned for it. */
function imagesByVersion(versions: readonly LaunchTemplateVersion[], requested: readonly string[]): Map<string, string> {
  const byVersion = new Map<string, string>();
  const imageOf = (version: LaunchTemplateVersion | undefined) => {
    const imageId = version?.LaunchTemplateData?.ImageId;
    return imageId && !imageId.startsWith('resolve:ssm:') ? imageId : undefined;
  };
  const latest = [...versions].sort((a, b) => (b.VersionNumber ?? 0) - (a.VersionNumber ?? 0))[0];
  for (const version of requested) {
    const match =
      version === '$Latest' ? latest : version === '$Default' ? versions.find((v) => v.DefaultVersion) : versions.find((v) => String(v.VersionNumber) === version);
    const imageId = imageOf(match);
    if (imageId) byVersion.set(version, imageId);
  }
  return byVersion;
}

/** From this many distinct templates on, one account-wide listing is cheaper than a call per template. */
const ACCOUNT_WIDE_FROM = 50;

type WantedTemplate = { readonly ref: TemplateRef; readonly versions: ReadonlySet<string> };

/** The templates these groups launch from, each with every version they name. */
function wantedTemplates(groups: readonly AutoScalingGroup[]): Map<string, { ref: TemplateRef; versions: Set<string> }> {
  const wanted = new Map<string, { ref: TemplateRef; versions: Set<string> }>();
  for (const { spec } of groups.flatMap(templateUses)) {
    const ref = refOf(spec);
    if (!ref) continue;
    const entry = wanted.get(ref.key) ?? { ref, versions: new Set<string>() };
    entry.versions.add(versionOf(spec));
    wanted.set(ref.key, entry);
  }
  return wanted;
}

/**
 * Resolves from the account-wide listing every template whose versions it holds: `$Latest` and `$Default`, and a
 * version named by its number when that number is the template's latest or default version (the listing returns each
 * version with its VersionNumber: the same version a call for that template and number returns). Returns the rest
 * (older numbered versions, templates the listing lacks, or all of them if it failed).
 */
async function resolveFromListing(wanted: readonly WantedTemplate[], aliasListing: AliasListing, images: Map<string, string>): Promise<WantedTemplate[]> {
  const listing = await aliasListing();
  if (!listing) return [...wanted];
  return wanted.filter(({ ref, versions }) => {
    const listed = listing.get(ref.key);
    const requested = [...versions];
    const inListing = (version: string) => ALIASES.has(version) || listed?.some((entry) => String(entry.VersionNumber) === version);
    if (!listed || !requested.every(inListing)) return true;
    const resolved = imagesByVersion(listed, requested);
    if (resolved.size < requested.length) return true;
    for (const [version, imageId] of resolved) images.set(slot(ref, version), imageId);
    return false;
  });
}

/**
 * The AMIs the groups' launch templates name, each (template, version) asked for once. A large account hands its
 * groups in as their pages arrive (`add`), so the calls for templates the listing lacks overlap the reading of the
 * groups instead of following it; `resolve` then asks for whatever no page did and waits for every answer.
 */
export class TemplateImages {
  private readonly images = new Map<string, string>();
  /** Slots (`template@version`) already asked for, from the listing or by a call. */
  private readonly asked = new Set<string>();
  private readonly started: Promise<void>[] = [];
  private readonly errors: RunError[] = [];

  constructor(
    private readonly clients: AwsClients,
    private readonly aliasListing: AliasListing,
  ) {}

  /** Starts resolving what these groups launch, the listing first (an account this large reads it anyway). */
  add(groups: readonly AutoScalingGroup[]): void {
    this.started.push(this.ask([...this.notAsked(groups).values()], true));
  }

  /** What every one of these groups launches; with many templates, from the account-wide listing first. */
  async resolve(groups: readonly AutoScalingGroup[]): Promise<{ images: Map<string, string>; errors: RunError[] }> {
    await Promise.all(this.started);
    const listingPays = wantedTemplates(groups).size >= ACCOUNT_WIDE_FROM;
    await this.ask([...this.notAsked(groups).values()], listingPays);
    return { images: this.images, errors: this.errors };
  }

  /** The versions of these groups' templates not asked for yet, now marked as asked. */
  private notAsked(groups: readonly AutoScalingGroup[]): Map<string, WantedTemplate> {
    const fresh = new Map<string, WantedTemplate>();
    for (const [key, { ref, versions }] of wantedTemplates(groups)) {
      const left = [...versions].filter((version) => !this.asked.has(slot(ref, version)));
      for (const version of left) this.asked.add(slot(ref, version));
      if (left.length > 0) fresh.set(key, { ref, versions: new Set(left) });
    }
    return fresh;
  }

  private async ask(wanted: readonly WantedTemplate[], fromListing: boolean): Promise<void> {
    if (wanted.length === 0) return;
    const remaining = fromListing ? await resolveFromListing(wanted, this.aliasListing, this.images) : wanted;
    // One call per distinct template left, every version it is used at, at most 8 in flight.
    await mapWithConcurrency(remaining, 8, ({ ref, versions }) => this.read(ref, [...versions]));
  }

  private async read(ref: TemplateRef, requested: readonly string[]): Promise<void> {
    try {
      const versions = await readTemplateVersions(this.clients, { ...(ref.byId ? { LaunchTemplateId: ref.key } : { LaunchTemplateName: ref.key }), Versions: [...requested], ResolveAlias: true });
      for (const [version, imageId] of imagesByVersion(versions, requested)) this.images.set(slot(ref, version), imageId);
    } catch (error) {
      this.errors.push({ code: readFailureCode(error), message: `launch template ${ref.key} could not be read: ${describeError(error)}` });
    }
  }
}

async function readConfigurationImages(clients: AwsClients, groups: readonly AutoScalingGroup[], errors: RunError[]): Promise<Map<string, string>> {
  const names = [...new Set(groups.flatMap((group) => (group.LaunchConfigurationName ? [group.LaunchConfigurationName] : [])))];
  const images = new Map<string, string>();
  for (const batch of chunk(names, 50)) {
    try {
      for await (const page of paginateDescribeLaunchConfigurations({ client: clients.autoScaling }, { LaunchConfigurationNames: batch, MaxRecords: 50 })) {
        for (const config of page.LaunchConfigurations ?? []) {
          if (config.LaunchConfigurationName && config.ImageId) images.set(config.LaunchConfigurationName, config.ImageId);
        }
      }
    } catch (error) {
      errors.push({ code: readFailureCode(error), message: `launch configurations ${batch.join(', ')} could not be read: ${describeError(error)}` });
    }
  }
  return images;
}

/** Every AMI the groups launch now: their own and their mixed-instances overrides'. */
export function launchImageIds(images: Iterable<LaunchImages>): string[] {
  const ids = new Set<string>();
  for (const launch of images) {
    if (launch.imageId) ids.add(launch.imageId);
    for (const imageId of Object.values(launch.imageIdByInstanceType)) ids.add(imageId);
  }
  return [...ids];
}

/** What each group launches now, resolved to AMI IDs; a group whose source cannot be resolved gets none and an error. */
export async function readLaunchImages(
  clients: AwsClients,
  groups: readonly AutoScalingGroup[],
  templateImages: TemplateImages = new TemplateImages(clients, once(() => listAliasVersions(clients))),
): Promise<{ byGroup: Map<string, LaunchImages>; errors: RunError[] }> {
  const errors: RunError[] = [];
  const [templateRead, configurations] = await Promise.all([templateImages.resolve(groups), readConfigurationImages(clients, groups, errors)]);
  const templates = templateRead.images;
  errors.unshift(...templateRead.errors);
  const byGroup = new Map<string, LaunchImages>();
  for (const group of groups) {
    const name = group.AutoScalingGroupName ?? '';
    const uses = templateUses(group);
    const imageOf = (spec: LaunchTemplateSpecification) => {
      const ref = refOf(spec);
      return ref ? templates.get(slot(ref, versionOf(spec))) : undefined;
    };
    const base = uses.find((use) => use.instanceType === undefined);
    const imageId = base ? imageOf(base.spec) : group.LaunchConfigurationName ? configurations.get(group.LaunchConfigurationName) : undefined;
    if (uses.length === 0 && !group.LaunchConfigurationName) continue;
    const unresolved = uses.filter((use) => imageOf(use.spec) === undefined);
    if (unresolved.length > 0 || imageId === undefined) {
      errors.push({ group: name, code: 'read-failed', message: 'could not resolve the AMI the group launches; AMI drift not judged for it' });
      continue;
    }
    const imageIdByInstanceType = Object.fromEntries(uses.flatMap((use) => (use.instanceType ? [[use.instanceType, imageOf(use.spec) ?? '']] : [])));
    byGroup.set(name, { imageId, imageIdByInstanceType });
  }
  return { byGroup, errors };
}
