import { NormalizedSchema } from '@smithy/core/schema';
import { element, escapeXml } from './xml-writer';

/*
 * Writes SDK-shaped output as XML, naming every element the way the SDK's own schemas say
 * (xmlName traits, `item`/`member` list entries), so names are never guessed by hand.
 * Each shape's writer is compiled once from its schema: a page of 1,000 instances is written
 * without walking the schema again per instance.
 */

type Writer = (value: unknown) => string;

const compiled = new Map<unknown, Writer>();

/** Timestamp schema ids in the SDK's static schemas: 6 is http-date, 7 epoch-seconds, the rest ISO 8601. */
function scalarWriter(schema: NormalizedSchema): Writer {
  if (schema.isTimestampSchema()) {
    const id = schema.getSchema();
    return (value) => {
      const date = value instanceof Date ? value : new Date(value as number | string);
      return id === 7 ? String(date.getTime() / 1000) : id === 6 ? date.toUTCString() : date.toISOString();
    };
  }
  if (schema.isBlobSchema()) return (value) => Buffer.from(value as Uint8Array).toString('base64');
  return (value) => (typeof value === 'string' ? escapeXml(value) : typeof value === 'number' || typeof value === 'boolean' ? String(value) : escapeXml(JSON.stringify(value)));
}

function listWriter(schema: NormalizedSchema): Writer {
  const member = schema.getValueSchema();
  const name = member.getMergedTraits().xmlName ?? 'member';
  const write = writerFor(member);
  return (value) => (value as unknown[]).map((item) => element(name, write(item))).join('');
}

function mapWriter(schema: NormalizedSchema): Writer {
  const keyName = schema.getKeySchema().getMergedTraits().xmlName ?? 'key';
  const valueSchema = schema.getValueSchema();
  const valueName = valueSchema.getMergedTraits().xmlName ?? 'value';
  const write = writerFor(valueSchema);
  return (value) =>
    Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => element('entry', element(keyName, escapeXml(key)) + element(valueName, write(item))))
      .join('');
}

/**
 * A frozen structure cannot change, so its XML is written once and kept for as long as the structure lives: services
 * freeze the shapes they keep for unchanged records (a page of 1,000 instances), and the fake's own time to write an
 * answer stays small beside the latency it stands for.
 */
const writtenFrozen = new WeakMap<object, string>();

/** The members of a structure, each as its own element (a flattened list repeats the member's element). */
function structWriter(schema: NormalizedSchema): Writer {
  const members = [...schema.structIterator()].map(([memberName, member]) => {
    const name = member.getMemberTraits().xmlName ?? memberName;
    const flattened = member.isListSchema() && Boolean(member.getMergedTraits().xmlFlattened);
    const write = writerFor(flattened ? member.getValueSchema() : member);
    return { memberName, name, flattened, write };
  });
  const write = (record: Record<string, unknown>): string => {
    let xml = '';
    for (const { memberName, name, flattened, write } of members) {
      const item = record[memberName];
      if (item === undefined || item === null) continue;
      xml += flattened ? (item as unknown[]).map((entry) => element(name, write(entry))).join('') : element(name, write(item));
    }
    return xml;
  };
  return (value) => {
    const record = (value ?? {}) as Record<string, unknown>;
    if (!Object.isFrozen(record)) return write(record);
    const known = writtenFrozen.get(record);
    if (known !== undefined) return known;
    const xml = write(record);
    writtenFrozen.set(record, xml);
    return xml;
  };
}

/** Aggregate shapes are cached by their static schema; a placeholder first, so recursive shapes compile. */
function writerFor(schema: NormalizedSchema): Writer {
  if (!schema.isStructSchema() && !schema.isListSchema() && !schema.isMapSchema()) return scalarWriter(schema);
  const key = schema.getSchema();
  const cached = compiled.get(key);
  if (cached) return cached;
  const pending: { writer?: Writer } = {};
  compiled.set(key, (value) => (pending.writer ? pending.writer(value) : ''));
  const writer = schema.isListSchema() ? listWriter(schema) : schema.isMapSchema() ? mapWriter(schema) : structWriter(schema);
  pending.writer = writer;
  compiled.set(key, writer);
  return writer;
}

/** The inside of the element holding `value` (for a structure: its members). */
export function writeContent(schema: NormalizedSchema, value: unknown): string {
  return value === undefined || value === null ? '' : writerFor(schema)(value);
}

export const writeMembers = writeContent;

/**
 * A stand-in for a structure in an answer, its XML written now: the structure itself need not be kept (a large account's
 * instances, kept as shapes, would hold gigabytes; their XML is a fifth of that).
 */
export function writtenOnce<T extends object>(schema: NormalizedSchema, value: T): T {
  const token = Object.freeze({});
  writtenFrozen.set(token, writeContent(schema, value));
  return token as T;
}
