import { SaxesParser } from 'saxes';
import type { InstanceSnapshot } from '../model/fleet';
import { Interned } from '../util/interned';
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
const READ_PATH_SET: ReadonlySet<string> = new Set(READ_PATHS);
const isReadPath = (path: string): path is ReadPath => READ_PATH_SET.has(path);
/** Their elements' own names: the path of any other element (about four in five of an instance's) is never built. */
const READ_NAMES: ReadonlySet<string> = new Set(READ_PATHS.map((path) => path.slice(path.lastIndexOf('/') + 1)));

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
  open(path: string): void {
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
 * the whole page nor a tree of every field EC2 returns (about 5 KB an instance) is ever held. `saxes` checks the XML is
 * well formed and decodes its entities; a malformed answer throws.
 */
export class InstancesPageReader {
  private readonly parser = new SaxesParser();
  private readonly instances: InstanceSnapshot[] = [];
  /** The open elements' names, from the root. */
  private readonly names: string[] = [];
  private instance?: InstanceFields;
  /** How many elements were open when the instance opened, itself included. */
  private instanceDepth = 0;
  private text = '';
  private nextToken?: string;

  /** `interned` is shared by every page of a read, so the whole fleet keeps one copy of each repeated text. */
  constructor(private readonly interned: Interned = new Interned()) {
    // saxes reports a self-closing element as opened, then closed.
    this.parser.on('opentag', (tag) => this.opened(tag.name));
    this.parser.on('text', (text) => (this.text += text));
    this.parser.on('closetag', (tag) => this.closed(tag.name));
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  /** Ends the answer: throws when it was cut short. */
  close(): InstancesPage {
    this.parser.close();
    return { instances: this.instances, ...(this.nextToken !== undefined ? { nextToken: this.nextToken } : {}) };
  }

  /** The open element's path from the instance (`tagSet/item/key`): built only for the names an instance reads. */
  private pathInInstance(): string {
    return this.names.slice(this.instanceDepth).join('/');
  }

  private opened(name: string): void {
    this.text = '';
    this.names.push(name);
    if (this.instance) {
      if (name === 'item') this.instance.open(this.pathInInstance());
    } else if (name === 'item' && this.names.join('/') === INSTANCE_PATH) {
      this.instance = new InstanceFields();
      this.instanceDepth = this.names.length;
    }
  }

  private closed(name: string): void {
    const text = this.text;
    this.text = '';
    if (this.instance && this.names.length === this.instanceDepth) {
      this.instances.push(this.instance.snapshot());
      this.instance = undefined;
    } else if (this.instance) {
      const path = READ_NAMES.has(name) ? this.pathInInstance() : '';
      if (isReadPath(path)) this.instance.close(path, text, this.interned);
    } else if (name === 'nextToken' && this.names.join('/') === NEXT_TOKEN_PATH) {
      this.nextToken = text;
    }
    this.names.pop();
  }
}
