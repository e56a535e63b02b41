import { NormalizedSchema } from '@smithy/core/schema';
import { element, escapeXml } from './xml-writer';

/*
 * Writes SDK-shaped output as XML, naming every element the way the SDK's own schemas say
 * (xmlName traits, `item`/`member` list entries), so names are never guessed by hand.
 */

/** Timestamp schema ids in the SDK's static schemas: 6 is http-date, 7 epoch-seconds, the rest ISO 8601. */
function formatTimestamp(schema: NormalizedSchema, value: unknown): string {
  const date = value instanceof Date ? value : new Date(value as number | string);
  const id = schema.getSchema();
  if (id === 7) return String(date.getTime() / 1000);
  if (id === 6) return date.toUTCString();
  return date.toISOString();
}

function writeList(schema: NormalizedSchema, items: readonly unknown[]): string {
  const member = schema.getValueSchema();
  const name = member.getMergedTraits().xmlName ?? 'member';
  return items.map((item) => element(name, writeContent(member, item))).join('');
}

function writeMap(schema: NormalizedSchema, value: Record<string, unknown>): string {
  const keyName = schema.getKeySchema().getMergedTraits().xmlName ?? 'key';
  const valueSchema = schema.getValueSchema();
  const valueName = valueSchema.getMergedTraits().xmlName ?? 'value';
  return Object.entries(value)
    .map(([key, item]) => element('entry', element(keyName, escapeXml(key)) + element(valueName, writeContent(valueSchema, item))))
    .join('');
}

/** The members of a structure, each as its own element (flattened lists repeat the member's element). */
export function writeMembers(schema: NormalizedSchema, value: unknown): string {
  const record = (value ?? {}) as Record<string, unknown>;
  let xml = '';
  for (const [memberName, member] of schema.structIterator()) {
    const item = record[memberName];
    if (item === undefined || item === null) continue;
    const name = member.getMemberTraits().xmlName ?? memberName;
    if (member.isListSchema() && member.getMergedTraits().xmlFlattened) {
      xml += (item as unknown[]).map((entry) => element(name, writeContent(member.getValueSchema(), entry))).join('');
    } else {
      xml += element(name, writeContent(member, item));
    }
  }
  return xml;
}

/** The inside of one element holding `value`. */
export function writeContent(schema: NormalizedSchema, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (schema.isListSchema()) return writeList(schema, value as unknown[]);
  if (schema.isMapSchema()) return writeMap(schema, value as Record<string, unknown>);
  if (schema.isStructSchema()) return writeMembers(schema, value);
  if (schema.isTimestampSchema()) return formatTimestamp(schema, value);
  if (schema.isBlobSchema()) return Buffer.from(value as Uint8Array).toString('base64');
  return escapeXml(typeof value === 'string' ? value : JSON.stringify(value));
}
