import type { InstanceSnapshot } from '../model/fleet';
import { Interned } from '../util/interned';
import { XmlTokenizer } from './xml-tokenizer';
import { ownCopy } from '../util/own-copy';

/** One DescribeInstances answer, read into snapshots: every instance it lists, whatever its state, and its page token. */
export interface InstancesPage {
  readonly instances: InstanceSnapshot[];
  readonly nextToken?: string;
}

const ROOT = 'DescribeInstancesResponse';
/** Where each instance sits in EC2's answer (`reservationSet` > `item` > `instancesSet` > `item`), and the page token. */
const INSTANCE_PATH = `${ROOT}/reservationSet/item/instancesSet/item`;
const NEXT_TOKEN_PATH = `${ROOT}/nextToken`;
/** The elements an instance is read from, by their path inside the instance. */
const READ_PATHS = [
  'instanceId',
  'instanceState/name',
  'imageId',
  'instanceType',
  'launchTime',
  'rootDeviceName',
  'tagSet/item/key',
  'tagSet/item/value',
  'tagSet/item',
  'blockDeviceMapping/item/deviceName',
  'blockDeviceMapping/item/ebs/attachTime',
  'networkInterfaceSet/item/attachment/deviceIndex',
  'networkInterfaceSet/item/attachment/attachTime',
] as const;
type ReadPath = (typeof READ_PATHS)[number];
/** The elements whose opening starts a list item an instance is read from. */
const OPENED_PATHS = ['blockDeviceMapping/item', 'networkInterfaceSet/item', 'tagSet/item'] as const;
type OpenedPath = (typeof OPENED_PATHS)[number];
/**
 * Paths by their last element's name, each as its names: an element is matched against the few paths ending with its
 * name, name by name, so no path is built for any of the 150 or so elements of an instance.
 */
function byLastName<Path extends string>(paths: readonly Path[]): Map<string, { readonly path: Path; readonly names: readonly string[] }[]> {
  const byName = new Map<string, { path: Path; names: string[] }[]>();
  for (const path of paths) {
    const names = path.split('/');
    const last = names.at(-1) ?? '';
    byName.set(last, [...(byName.get(last) ?? []), { path, names }]);
  }
  return byName;
}
const READ_BY_NAME = byLastName(READ_PATHS);
const OPENED_BY_NAME = byLastName(OPENED_PATHS);

/**
 * An instance while its elements are read; its first-launch witnesses are picked when it closes: "the order of the
 * elements in the response, including those within nested structures, might vary" (DescribeInstances, EC2 API Reference).
 */
class InstanceFields {
  instanceId = '';
  state = 'unknown';
  imageId?: string;
  instanceType?: string;
  launchTime?: number;
  rootDeviceName?: string;
  readonly tags: Record<string, string> = {};
  readonly volumes: { deviceName?: string; attachTime?: number }[] = [];
  readonly interfaces: { deviceIndex?: number; attachTime?: number }[] = [];
  tagKey = '';
  tagValue = '';

  /** The same snapshot `toInstanceSnapshot` makes of the SDK's parse: the primary interface and root volume are the first that match. */
  snapshot(): InstanceSnapshot {
    return {
      instanceId: this.instanceId,
      state: this.state,
      imageId: this.imageId,
      instanceType: this.instanceType,
      launchTime: this.launchTime,
      primaryEniAttachTime: this.interfaces.find((eni) => eni.deviceIndex === 0)?.attachTime,
      rootVolumeAttachTime: this.volumes.find((volume) => volume.deviceName === this.rootDeviceName)?.attachTime,
      tags: this.tags,
    };
  }

  /** An element inside the instance opened (`path` relative to the instance). */
  open(path: OpenedPath): void {
    if (path === 'blockDeviceMapping/item') this.volumes.push({});
    else if (path === 'networkInterfaceSet/item') this.interfaces.push({});
    else if (path === 'tagSet/item') [this.tagKey, this.tagValue] = ['', ''];
  }

  /** An element inside the instance closed with this text (`path` relative to the instance). */
  close(path: ReadPath, text: string, interned: Interned): void {
    switch (path) {
      case 'instanceId':
        this.instanceId = ownCopy(text);
        break;
      case 'instanceState/name':
        this.state = interned.of(text);
        break;
      case 'imageId':
        this.imageId = interned.of(text);
        break;
      case 'instanceType':
        this.instanceType = interned.of(text);
        break;
      case 'launchTime':
        this.launchTime = timeOf(text);
        break;
      case 'rootDeviceName':
        this.rootDeviceName = text;
        break;
      case 'tagSet/item/key':
        this.tagKey = interned.of(text);
        break;
      case 'tagSet/item/value':
        this.tagValue = interned.of(text);
        break;
      case 'tagSet/item':
        this.tags[this.tagKey] = this.tagValue;
        break;
      case 'blockDeviceMapping/item/deviceName':
        lastOf(this.volumes).deviceName = text;
        break;
      case 'blockDeviceMapping/item/ebs/attachTime':
        lastOf(this.volumes).attachTime = timeOf(text);
        break;
      case 'networkInterfaceSet/item/attachment/deviceIndex':
        lastOf(this.interfaces).deviceIndex = Number(text);
        break;
      case 'networkInterfaceSet/item/attachment/attachTime':
        lastOf(this.interfaces).attachTime = timeOf(text);
        break;
    }
  }
}

function timeOf(text: string): number | undefined {
  const time = Date.parse(text);
  return Number.isFinite(time) ? time : undefined;
}

/** The element being filled: opened by `open` before any of its children close. */
function lastOf<T>(items: T[]): T {
  const last = items.at(-1);
  if (last === undefined) throw new Error('DescribeInstances answer: a field outside its element');
  return last;
}

/**
 * Reads a DescribeInstances answer as it arrives, chunk by chunk, keeping only what a snapshot needs: neither the text of
 * the whole page nor a tree of every field EC2 returns (about 5 KB an instance) is ever held. The tokenizer checks the XML is
 * well formed and decodes its entities; a malformed answer throws.
 */
export class InstancesPageReader {
  private readonly parser = new XmlTokenizer({ open: (name) => this.opened(name), close: (name) => this.closed(name) });
  private readonly instances: InstanceSnapshot[] = [];
  /** The open elements' names, from the root. */
  private readonly names: string[] = [];
  private instance?: InstanceFields;
  /** How many elements were open when the instance opened, itself included. */
  private instanceDepth = 0;
  private nextToken?: string;

  /** `interned` is shared by every page of a read, so the whole fleet keeps one copy of each repeated text. */
  constructor(private readonly interned: Interned = new Interned()) {
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  /** Ends the answer: throws when it was cut short. */
  close(): InstancesPage {
    this.parser.close();
    return { instances: this.instances, ...(this.nextToken !== undefined ? { nextToken: this.nextToken } : {}) };
  }

  /** Which of `paths` the innermost open element is at, inside the instance, if any. */
  private pathInInstance<Path extends string>(candidates: readonly { readonly path: Path; readonly names: readonly string[] }[] | undefined): Path | undefined {
    const depth = this.names.length - this.instanceDepth;
    for (const { path, names } of candidates ?? []) {
      if (names.length === depth && names.every((name, index) => this.names[this.instanceDepth + index] === name)) return path;
    }
    return undefined;
  }

  private opened(name: string): void {
    this.names.push(name);
    if (this.instance) {
      const path = this.pathInInstance(OPENED_BY_NAME.get(name));
      if (path) this.instance.open(path);
    } else if (name === 'item' && this.names.join('/') === INSTANCE_PATH) {
      this.instance = new InstanceFields();
      this.instanceDepth = this.names.length;
    }
  }

  private closed(name: string): void {
    if (this.instance && this.names.length === this.instanceDepth) {
      this.instances.push(this.instance.snapshot());
      this.instance = undefined;
    } else if (this.instance) {
      const path = this.pathInInstance(READ_BY_NAME.get(name));
      if (path) this.instance.close(path, this.parser.text(), this.interned);
    } else if (name === 'nextToken' && this.names.join('/') === NEXT_TOKEN_PATH) {
      this.nextToken = this.parser.text();
    }
    this.names.pop();
  }
}
