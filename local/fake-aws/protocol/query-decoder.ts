import { NormalizedSchema } from '@smithy/core/schema';

/*
 * Decodes a form-encoded Query request back into the SDK's input shape, mirroring the SDK's
 * own query serializer: awsQuery lists are `Name.member.N`, EC2 lists are flat `Name.N` with
 * capitalized (or ec2QueryName) keys.
 */

interface Form {
  readonly values: URLSearchParams;
  /** Every key and every dotted prefix of a key, so presence checks are cheap for long lists. */
  readonly present: Set<string>;
  readonly ec2: boolean;
}

function toForm(values: URLSearchParams, ec2: boolean): Form {
  const present = new Set<string>();
  for (const key of values.keys()) {
    const parts = key.split('.');
    for (let end = 1; end <= parts.length; end += 1) present.add(parts.slice(0, end).join('.'));
  }
  return { values, present, ec2 };
}

function memberKey(form: Form, memberName: string, member: NormalizedSchema): string {
  const traits = member.getMergedTraits();
  if (form.ec2 && typeof traits.ec2QueryName === 'string') return traits.ec2QueryName;
  const key = traits.xmlName ?? memberName;
  return form.ec2 ? key.charAt(0).toUpperCase() + key.slice(1) : key;
}

const join = (prefix: string, key: string): string => (prefix ? `${prefix}.${key}` : key);

function readList(form: Form, schema: NormalizedSchema, prefix: string): unknown[] {
  const member = schema.getValueSchema();
  const flat = form.ec2 || Boolean(schema.getMergedTraits().xmlFlattened);
  const itemPrefix = flat ? prefix : join(prefix, member.getMergedTraits().xmlName ?? 'member');
  const items: unknown[] = [];
  for (let index = 1; form.present.has(join(itemPrefix, String(index))); index += 1) items.push(read(form, member, join(itemPrefix, String(index))));
  return items;
}

function readMap(form: Form, schema: NormalizedSchema, prefix: string): Record<string, unknown> {
  const flat = Boolean(schema.getMergedTraits().xmlFlattened);
  const keyName = schema.getKeySchema().getMergedTraits().xmlName ?? 'key';
  const valueName = schema.getValueSchema().getMergedTraits().xmlName ?? 'value';
  const entryPrefix = flat ? prefix : join(prefix, 'entry');
  const map: Record<string, unknown> = {};
  for (let index = 1; form.present.has(join(entryPrefix, String(index))); index += 1) {
    const entry = join(entryPrefix, String(index));
    map[form.values.get(join(entry, keyName)) ?? ''] = read(form, schema.getValueSchema(), join(entry, valueName));
  }
  return map;
}

function readScalar(form: Form, schema: NormalizedSchema, key: string): unknown {
  const raw = form.values.get(key) ?? '';
  if (schema.isBooleanSchema()) return raw === 'true';
  if (schema.isNumericSchema()) return Number(raw);
  if (schema.isTimestampSchema()) return /^\d+(\.\d+)?$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
  if (schema.isBlobSchema()) return Buffer.from(raw, 'base64');
  return raw;
}

function read(form: Form, schema: NormalizedSchema, prefix: string): unknown {
  if (schema.isListSchema()) return readList(form, schema, prefix);
  if (schema.isMapSchema()) return readMap(form, schema, prefix);
  if (schema.isStructSchema()) {
    const struct: Record<string, unknown> = {};
    for (const [memberName, member] of schema.structIterator()) {
      const key = join(prefix, memberKey(form, memberName, member));
      if (form.present.has(key)) struct[memberName] = read(form, member, key);
    }
    return struct;
  }
  return readScalar(form, schema, prefix);
}

/** The request's parameters in the shape the SDK command took them (PascalCase members, arrays, numbers, booleans). */
export function decodeQuery(inputSchema: NormalizedSchema, values: URLSearchParams, ec2: boolean): Record<string, unknown> {
  if (!inputSchema.isStructSchema()) return {};
  return read(toForm(values, ec2), inputSchema, '') as Record<string, unknown>;
}
