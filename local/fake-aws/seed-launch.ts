import { findTemplate } from './launch-source';
import type { ImageState, ParameterRecord, TemplateRecord } from './state';
import { nextId, type World } from './world';

export interface ImageSpec {
  readonly imageId?: string;
  readonly name?: string;
  /** Defaults to the account: an owner always sees its own deprecated AMIs. */
  readonly ownerId?: string;
  /** Epoch ms; defaults to now. */
  readonly creationDate?: number;
  readonly deprecationTime?: number;
  readonly state?: ImageState;
}

export interface TemplateSpec {
  readonly name: string;
  readonly id?: string;
  /** An AMI ID or `resolve:ssm:/parameter`. */
  readonly imageId: string;
  readonly instanceType?: string;
}

export interface TemplateVersionSpec {
  readonly imageId: string;
  readonly instanceType?: string;
  /** Also make it the default version (default false: `$Default` stays where it was). */
  readonly makeDefault?: boolean;
}

export function addImage(world: World, spec: ImageSpec): string {
  const imageId = spec.imageId ?? nextId(world.state, 'ami');
  world.state.images[imageId] = {
    imageId,
    name: spec.name ?? `image-${imageId}`,
    ownerId: spec.ownerId ?? world.state.accountId,
    creationDate: spec.creationDate ?? world.now(),
    ...(spec.deprecationTime !== undefined ? { deprecationTime: spec.deprecationTime } : {}),
    state: spec.state ?? 'available',
  };
  return imageId;
}

export function setImageState(world: World, imageId: string, state: ImageState, listedUntil?: number): void {
  const image = world.state.images[imageId];
  if (!image) throw new Error(`fake-aws: no image ${imageId}`);
  image.state = state;
  if (listedUntil === undefined) delete image.listedUntil;
  else image.listedUntil = listedUntil;
}

export function requireTemplate(world: World, idOrName: string): TemplateRecord {
  const template = findTemplate(world.state, idOrName.startsWith('lt-') ? { id: idOrName } : { name: idOrName });
  if (!template) throw new Error(`fake-aws: no launch template ${idOrName}`);
  return template;
}

export function addLaunchTemplate(world: World, spec: TemplateSpec): string {
  if (findTemplate(world.state, { name: spec.name })) throw new Error(`fake-aws: launch template ${spec.name} exists`);
  const id = spec.id ?? nextId(world.state, 'lt');
  const version = { number: 1, imageId: spec.imageId, createdAt: world.now(), ...(spec.instanceType ? { instanceType: spec.instanceType } : {}) };
  world.state.templates[id] = { id, name: spec.name, defaultVersion: 1, versions: [version] };
  return id;
}

export function addLaunchTemplateVersion(world: World, idOrName: string, spec: TemplateVersionSpec): number {
  const template = requireTemplate(world, idOrName);
  const number = (template.versions[template.versions.length - 1]?.number ?? 0) + 1;
  template.versions.push({ number, imageId: spec.imageId, createdAt: world.now(), ...(spec.instanceType ? { instanceType: spec.instanceType } : {}) });
  if (spec.makeDefault) template.defaultVersion = number;
  return number;
}

export function setDefaultVersion(world: World, idOrName: string, version: number): void {
  const template = requireTemplate(world, idOrName);
  if (!template.versions.some((candidate) => candidate.number === version)) throw new Error(`fake-aws: ${idOrName} has no version ${version}`);
  template.defaultVersion = version;
}

export function addLaunchConfiguration(world: World, spec: { name: string; imageId: string; instanceType?: string }): void {
  world.state.launchConfigurations[spec.name] = { name: spec.name, imageId: spec.imageId, instanceType: spec.instanceType ?? 't3.micro', createdAt: world.now() };
}

/** Creates or overwrites; the version counts up like SSM's. */
export function putParameter(world: World, name: string, value: string, type: ParameterRecord['type'] = 'String'): number {
  const version = (world.state.parameters[name]?.version ?? 0) + 1;
  world.state.parameters[name] = { name, type, value, version, lastModified: world.now() };
  return version;
}
