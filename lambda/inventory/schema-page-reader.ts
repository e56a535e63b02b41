import { NormalizedSchema } from '@smithy/core/schema';
import type { StaticOperationSchema } from '@smithy/types';
import { Interned } from '../util/interned';
import { XmlTokenizer } from './xml-tokenizer';

/**
 * The members of an answer the reaper reads: `true` keeps a member whole; an object keeps only the members it names, of
 * a structure or of each structure in a list. What is not kept is skipped as it streams past, never built.
 */
export type Keep = true | { readonly [member: string]: Keep };

/**
 * What the reader needs of a schema, worked out once per schema: reading an element calls no schema method (a page of
 * 100 groups has some 25,000 elements).
 */
type Shape =
  | { readonly kind: 'struct'; readonly members: ReadonlyMap<string, Member> }
  | { readonly kind: 'list'; readonly item: () => Shape }
  | { readonly kind: 'scalar'; readonly scalar: 'string' | 'number' | 'boolean' | 'timestamp' }
  /** Maps, blobs and documents: none is in an answer read raw here; one kept by mistake fails loudly, never half read. */
  | { readonly kind: 'unread'; readonly name: string };

interface Member {
  readonly name: string;
  readonly shape: () => Shape;
  /** A flattened list repeats the member's element for each item, with no wrapper (not in the answers read here). */
  readonly flattened: boolean;
}

/** Worked out on first use: schemas refer to themselves (and each other) through their members. */
function later(make: () => Shape): () => Shape {
  let made: Shape | undefined;
  return () => (made ??= make());
}

const shapesBySchema = new WeakMap<object, Shape>();

function shapeOf(schema: NormalizedSchema): Shape {
  if (schema.isStructSchema()) {
    const key = schema.getSchema() as object;
    const known = shapesBySchema.get(key);
    if (known) return known;
    // A structure's members by the element name AWS writes them under (the `xmlName` trait, else the member's name).
    const members = new Map<string, Member>();
    const shape: Shape = { kind: 'struct', members };
    shapesBySchema.set(key, shape);
    for (const [name, member] of schema.structIterator()) {
      const flattened = member.isListSchema() && Boolean(member.getMergedTraits().xmlFlattened);
      members.set(member.getMemberTraits().xmlName ?? name, { name, shape: later(() => shapeOf(member)), flattened });
    }
    return shape;
  }
  if (schema.isListSchema()) {
    const item = schema.getValueSchema();
    return { kind: 'list', item: later(() => shapeOf(item)) };
  }
  if (schema.isMapSchema() || schema.isBlobSchema() || schema.isDocumentSchema()) return { kind: 'unread', name: schema.getName() ?? 'a member' };
  const scalar = schema.isTimestampSchema() ? 'timestamp' : schema.isNumericSchema() ? 'number' : schema.isBooleanSchema() ? 'boolean' : 'string';
  return { kind: 'scalar', scalar };
}

/** An open element: a structure or list being built, a scalar's text, or something skipped whole. */
type Frame =
  | { readonly kind: 'wrapper' }
  | { readonly kind: 'skip' }
  | { readonly kind: 'struct'; readonly shape: Extract<Shape, { kind: 'struct' }>; readonly keep: Keep; readonly value: Record<string, unknown>; readonly done: (value: unknown) => void }
  | { readonly kind: 'list'; readonly shape: Extract<Shape, { kind: 'list' }>; readonly keep: Keep; readonly value: unknown[]; readonly done: (value: unknown) => void }
  | { readonly kind: 'scalar'; readonly shape: Extract<Shape, { kind: 'scalar' }>; readonly done: (value: unknown) => void };

const kept = (keep: Keep, member: string): Keep | undefined => (keep === true ? true : Object.hasOwn(keep, member) ? keep[member] : undefined);

/**
 * Reads an XML answer as it arrives into the operation's output shape, as the SDK would parse it, but keeping only the
 * members `keep` names. Element names, lists and scalar types come from the SDK's own schema for the operation, so no
 * name is guessed by hand. The tokenizer checks the XML is well formed and decodes its entities; an answer cut short throws.
 * Strings kept are interned copies: never views into the answer's text, which would keep it all in memory.
 */
export class SchemaPageReader<Output extends object> {
  private readonly parser = new XmlTokenizer({ open: (name) => this.opened(name), close: () => this.closed() });
  private readonly frames: Frame[] = [];
  private output?: Record<string, unknown>;
  private readonly outputShape: Shape;

  /**
   * `wrappers`: the elements around the output's members, outermost first: `<ActionResponse><ActionResult>` for the
   * awsQuery protocol (Auto Scaling), `<ActionResponse>` for EC2's.
   */
  constructor(
    operation: StaticOperationSchema,
    private readonly wrappers: readonly string[],
    private readonly keep: Keep,
    private readonly interned: Interned = new Interned(),
  ) {
    this.outputShape = shapeOf(NormalizedSchema.of(operation[5]));
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  /** Ends the answer: throws when it was cut short or held no output. */
  close(): Output {
    this.parser.close();
    if (!this.output) throw new Error(`the answer has no ${this.wrappers.join(' > ')}`);
    return this.output as Output;
  }

  private opened(name: string): void {
    this.frames.push(this.frameFor(name, this.frames.at(-1)));
  }

  private frameFor(name: string, parent: Frame | undefined): Frame {
    const depth = this.frames.length;
    if (depth < this.wrappers.length) {
      const expected = this.wrappers[depth] === name && (parent === undefined || parent.kind === 'wrapper');
      if (!expected) return { kind: 'skip' };
      if (depth < this.wrappers.length - 1) return { kind: 'wrapper' };
      const value: Record<string, unknown> = {};
      return this.valueFrame(this.outputShape, this.keep, () => (this.output = value), value);
    }
    if (parent === undefined || parent.kind === 'wrapper' || parent.kind === 'skip' || parent.kind === 'scalar') return { kind: 'skip' };
    if (parent.kind === 'list') return this.valueFrame(parent.shape.item(), parent.keep, (item) => parent.value.push(item));
    const member = parent.shape.members.get(name);
    const keep = member && kept(parent.keep, member.name);
    if (!member || keep === undefined) return { kind: 'skip' };
    if (member.flattened) throw new Error(`reading ${member.name}: flattened lists are not read`);
    const record = parent.value;
    return this.valueFrame(member.shape(), keep, (value) => (record[member.name] = value));
  }

  private valueFrame(shape: Shape, keep: Keep, done: (value: unknown) => void, value: Record<string, unknown> = {}): Frame {
    if (shape.kind === 'struct') return { kind: 'struct', shape, keep, value, done };
    if (shape.kind === 'list') return { kind: 'list', shape, keep, value: [], done };
    if (shape.kind === 'unread') throw new Error(`reading ${shape.name}: maps, blobs and documents are not read`);
    return { kind: 'scalar', shape, done };
  }

  private closed(): void {
    const frame = this.frames.pop();
    if (!frame || frame.kind === 'wrapper' || frame.kind === 'skip') return;
    if (frame.kind === 'scalar') frame.done(this.scalar(frame.shape.scalar, this.parser.text()));
    else frame.done(frame.value);
  }

  /** As the SDK reads a scalar: numbers and booleans from their text, timestamps as dates, strings as they are. */
  private scalar(scalar: Extract<Shape, { kind: 'scalar' }>['scalar'], text: string): unknown {
    if (scalar === 'timestamp') return new Date(text);
    if (scalar === 'number') return Number(text);
    if (scalar === 'boolean') return text === 'true';
    return this.interned.of(text);
  }
}

/** The members `keep` names of an answer the SDK parsed itself: what `SchemaPageReader` reads of the same answer. */
export function keepOnly<T>(value: T, keep: Keep): T {
  if (keep === true || value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => keepOnly(item, keep)) as T;
  const record = value as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const [member, memberKeep] of Object.entries(keep)) if (record[member] !== undefined) picked[member] = keepOnly(record[member], memberKeep);
  return picked as T;
}
