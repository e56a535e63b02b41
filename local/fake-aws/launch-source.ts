import type { AccountState, GroupRecord, TemplateRecord, TemplateRef, TemplateVersionRecord } from './state';

const DEFAULT_INSTANCE_TYPE = 't3.micro';

export function findTemplate(state: AccountState, ref: { id?: string; name?: string }): TemplateRecord | undefined {
  if (ref.id) return state.templates[ref.id];
  return Object.values(state.templates).find((template) => template.name === ref.name);
}

/** `$Latest`, `$Default` (also when no version is given) or a version number. */
export function findVersion(template: TemplateRecord, version: string | undefined): TemplateVersionRecord | undefined {
  if (version === '$Latest') return template.versions[template.versions.length - 1];
  const number = version === undefined || version === '$Default' ? template.defaultVersion : Number(version);
  return template.versions.find((candidate) => candidate.number === number);
}

/** `resolve:ssm:/name` (optionally `:version`, which must be the current one) → the parameter's value; other IDs as they are. */
export function resolveImageAlias(state: AccountState, imageId: string): string | undefined {
  if (!imageId.startsWith('resolve:ssm:')) return imageId;
  const match = /^resolve:ssm:(.+?)(?::(\d+))?$/.exec(imageId);
  const parameter = match?.[1] ? state.parameters[match[1]] : undefined;
  if (!parameter || (match?.[2] !== undefined && Number(match[2]) !== parameter.version)) return undefined;
  return parameter.value;
}

/** What a new instance of a group gets; undefined when the group's source cannot be resolved (then AWS fails the launch). */
export interface LaunchSpec {
  readonly imageId: string;
  readonly instanceType: string;
  readonly launchTemplate?: TemplateRef;
  readonly launchConfigurationName?: string;
}

function fromTemplate(state: AccountState, ref: TemplateRef, instanceType: string | undefined): LaunchSpec | undefined {
  const template = findTemplate(state, ref);
  const version = template ? findVersion(template, ref.version) : undefined;
  const imageId = version ? resolveImageAlias(state, version.imageId) : undefined;
  if (!template || !version || !imageId) return undefined;
  return {
    imageId,
    instanceType: instanceType ?? version.instanceType ?? DEFAULT_INSTANCE_TYPE,
    launchTemplate: { id: template.id, name: template.name, version: String(version.number) },
  };
}

/**
 * What the group launches now for an instance type: the mixed-instances override of that type
 * (its own template if it names one), else the group's template or launch configuration.
 * Without a type, mixed groups use their first override.
 */
export function launchSpec(state: AccountState, group: GroupRecord, instanceType?: string): LaunchSpec | undefined {
  const mixed = group.mixedInstancesPolicy;
  if (mixed) {
    const override = mixed.overrides.find((candidate) => candidate.instanceType === instanceType) ?? mixed.overrides[0];
    return fromTemplate(state, override?.launchTemplate ?? mixed.launchTemplate, override?.instanceType ?? instanceType);
  }
  if (group.launchTemplate) return fromTemplate(state, group.launchTemplate, undefined);
  const configuration = group.launchConfigurationName ? state.launchConfigurations[group.launchConfigurationName] : undefined;
  if (!configuration) return undefined;
  return { imageId: configuration.imageId, instanceType: configuration.instanceType, launchConfigurationName: configuration.name };
}
