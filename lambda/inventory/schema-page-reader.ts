import { NormalizedSchema } from '@smithy/core/schema';
import type { StaticOperationSchema } from '@smithy/types';
import { Interned } from '../util/interned';
import { XmlTokenizer } from './xml-tokenizer';

/**
 * The members of an answer the reaper reads: `true` keeps a member whole; an object keeps only the members it names, of
 * a structure or of each structure in a list. What is not kept is skipped as it streams past, never built.
 */
export type Keep = true | { readonly [member: string]: Keep };

interface Member {
  readonly name: string;
  readonly schema: NormalizedSchema;
  /** A flattened list repeats the member's element for each item, with no wrapper (not in the answers read here). */
  readonly flattened: boolean;
}

/** A structure's members by the element name AWS writes them under (the `xmlName` trait, else the member's name). */
const membersBySchema = new WeakMap<object, Map<string, Member>>();

function membersOf(schema: NormalizedSchema): Map<string, Member> {
  const key = schema.getSchema() as object;
  const known = membersBySchema.get(key);
  if (known) return known;
  const members = new Map<string, Member>();
  for (const [name, member] of schema.structIterator()) {
    const flattened = member.isListSchema() && Boolean(member.getMergedTraits().xmlFlattened);
    members.set(member.getMemberTraits().xmlName ?? name, { name, schema: member, flattened });
  }
  membersBySchema.set(key, members);
  return members;
}

/** An open element: a structure or list being built, a scalar's text, or something skipped whole. */
type Frame =
  | { readonly kind: 'wrapper' }
  | { readonly kind: 'skip' }
  | { readonly kind: 'struct'; readonly schema: NormalizedSchema; readonly keep: Keep; readonly value: Record<string, unknown>; readonly done: (value: unknown) => void }
  | { readonly kind: 'list'; readonly schema: NormalizedSchema; readonly keep: Keep; readonly value: unknown[]; readonly done: (value: unknown) => void }
  | { readonly kind: 'scalar'; readonly schema: NormalizedSchema; readonly done: (value: unknown) => void };

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
  private readonly outputSchema: NormalizedSchema;

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
    this.outputSchema = NormalizedSchema.of(operation[5]);
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
      return { kind: 'struct', schema: this.outputSchema, keep: this.keep, value, done: () => (this.output = value) };
    }
    if (parent === undefined || parent.kind === 'wrapper' || parent.kind === 'skip' || parent.kind === 'scalar') return { kind: 'skip' };
    if (parent.kind === 'list') return this.valueFrame(parent.schema.getValueSchema(), parent.keep, (item) => parent.value.push(item));
    const member = membersOf(parent.schema).get(name);
    const keep = member && kept(parent.keep, member.name);
    if (!member || keep === undefined) return { kind: 'skip' };
    if (member.flattened) throw new Error(`reading ${member.name}: flattened lists are not read`);
    const record = parent.value;
    return this.valueFrame(member.schema, keep, (value) => (record[member.name] = value));
  }

  private valueFrame(schema: NormalizedSchema, keep: Keep, done: (value: unknown) => void): Frame {
    if (schema.isStructSchema()) return { kind: 'struct', schema, keep, value: {}, done };
    if (schema.isListSchema()) return { kind: 'list', schema, keep, value: [], done };
    // None is in an answer the reaper reads raw (Auto Scaling's, EC2's); one kept by mistake fails loudly, never half read.
    if (schema.isMapSchema() || schema.isBlobSchema() || schema.isDocumentSchema()) throw new Error(`reading ${schema.getName() ?? 'a member'}: maps, blobs and documents are not read`);
    return { kind: 'scalar', schema, done };
  }

  private closed(): void {
    const frame = this.frames.pop();
    if (!frame || frame.kind === 'wrapper' || frame.kind === 'skip') return;
    if (frame.kind === 'scalar') frame.done(this.scalar(frame.schema, this.parser.text()));
    else frame.done(frame.value);
  }

  /** As the SDK reads a scalar: numbers and booleans from their text, timestamps as dates, strings as they are. */
  private scalar(schema: NormalizedSchema, text: string): unknown {
    if (schema.isTimestampSchema()) return new Date(text);
    if (schema.isNumericSchema()) return Number(text);
    if (schema.isBooleanSchema()) return text === 'true';
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
