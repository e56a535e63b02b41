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

/** What a new instance of a group gets. */
export interface LaunchSpec {
  readonly imageId: string;
  readonly instanceType: string;
  readonly launchTemplate?: TemplateRef;
  readonly launchConfigurationName?: string;
}

/** Why a launch cannot start, in the words of the scaling activity (without its "Launching EC2 instance failed."). */
export interface LaunchFailure {
  readonly failure: string;
}

export const isFailure = (source: LaunchSpec | LaunchFailure): source is LaunchFailure => 'failure' in source;

// Only the image wordings are AWS's (Troubleshoot Amazon EC2 Auto Scaling: AMI issues); the others are unconfirmed.
function fromTemplate(state: AccountState, ref: TemplateRef, instanceType: string | undefined): LaunchSpec | LaunchFailure {
  const template = findTemplate(state, ref);
  if (!template) return { failure: `The specified launch template, with template ${ref.id ? `ID ${ref.id}` : `name ${ref.name ?? ''}`}, does not exist.` };
  const version = findVersion(template, ref.version);
  if (!version) return { failure: `The specified launch template version ${ref.version ?? '$Default'} of launch template ${template.id} does not exist.` };
  const imageId = resolveImageAlias(state, version.imageId);
  if (!imageId) return { failure: `The parameter in ${version.imageId} could not be resolved.` };
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
export function resolveLaunch(state: AccountState, group: GroupRecord, instanceType?: string): LaunchSpec | LaunchFailure {
  const mixed = group.mixedInstancesPolicy;
  if (mixed) {
    const override = mixed.overrides.find((candidate) => candidate.instanceType === instanceType) ?? mixed.overrides[0];
    return fromTemplate(state, override?.launchTemplate ?? mixed.launchTemplate, override?.instanceType ?? instanceType);
  }
  if (group.launchTemplate) return fromTemplate(state, group.launchTemplate, undefined);
  const configuration = group.launchConfigurationName ? state.launchConfigurations[group.launchConfigurationName] : undefined;
  if (!configuration) return { failure: `The launch configuration ${group.launchConfigurationName ?? '(none)'} does not exist.` };
  return { imageId: configuration.imageId, instanceType: configuration.instanceType, launchConfigurationName: configuration.name };
}

/** The spec, or undefined when the group's source cannot be resolved (the image itself is not checked). */
export function launchSpec(state: AccountState, group: GroupRecord, instanceType?: string): LaunchSpec | undefined {
  const source = resolveLaunch(state, group, instanceType);
  return isFailure(source) ? undefined : source;
}

/** EC2 refuses to run an image that is deregistered, gone, unknown or disabled; deprecated images still run. */
export function imageProblem(state: AccountState, imageId: string): string | undefined {
  const image = state.images[imageId];
  if (!image || image.state === 'deregistered' || image.state === 'gone') return `The image id '[${imageId}]' does not exist.`;
  if (image.state === 'disabled') return `AMI '${imageId}' is disabled, and cannot be run.`;
  return undefined;
}
