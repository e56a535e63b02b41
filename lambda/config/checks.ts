/**
 * The few validators the event and the environment need, in place of zod (about 60 KB of the bundle
 * and a tenth of its load time). Messages are zod 3's, word for word, so operators, the CLI and the
 * tests see exactly what they saw before. Every problem is collected; nothing stops at the first.
 */

/** Where a value sits in the input: field names and array indexes, as in `amiIds.1`. */
export type Path = readonly (string | number)[];

/** A value that did not pass; its problems are in the IssueList. */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/** One line per problem, each naming the field it is about (`root` names the input itself). */
export class IssueList {
  readonly lines: string[] = [];

  constructor(private readonly root: string) {}

  add(path: Path, message: string): void {
    this.lines.push(`${path.length > 0 ? path.map(String).join('.') : this.root}: ${message}`);
  }

  /** Records the problem and gives the value up. */
  fail(path: Path, message: string): Invalid {
    this.add(path, message);
    return INVALID;
  }
}

export type Check<T> = (value: unknown, path: Path, issues: IssueList) => T | Invalid;

/** The type names zod 3 reports ("received array", "received nan", ...). */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : 'number';
  if (typeof value !== 'object') return typeof value;
  const thenable = value as { then?: unknown; catch?: unknown };
  if (typeof thenable.then === 'function' && typeof thenable.catch === 'function') return 'promise';
  if (value instanceof Map) return 'map';
  if (value instanceof Set) return 'set';
  return value instanceof Date ? 'date' : 'object';
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeName(value) === 'object';

export const typeMessage = (expected: string, value: unknown): string =>
  value === undefined ? 'Required' : `Expected ${expected}, received ${typeName(value)}`;

export const boolean: Check<boolean> = (value, path, issues) =>
  typeof value === 'boolean' ? value : issues.fail(path, typeMessage('boolean', value));

/** A number; each bound that fails is its own problem, as zod reports them. */
export function number(rules: { readonly integer?: boolean; readonly min?: number; readonly max?: number } = {}): Check<number> {
  return (value, path, issues) => {
    if (typeof value !== 'number' || Number.isNaN(value)) return issues.fail(path, typeMessage('number', value));
    const count = issues.lines.length;
    if (rules.integer && !Number.isInteger(value)) issues.add(path, 'Expected integer, received float');
    if (rules.min !== undefined && value < rules.min) issues.add(path, `Number must be greater than or equal to ${rules.min}`);
    if (rules.max !== undefined && value > rules.max) issues.add(path, `Number must be less than or equal to ${rules.max}`);
    return issues.lines.length === count ? value : INVALID;
  };
}

/** A string that passes one test, with the message to give when it does not. */
export function text(test: (value: string) => boolean, message: string): Check<string> {
  return (value, path, issues) => {
    if (typeof value !== 'string') return issues.fail(path, typeMessage('string', value));
    return test(value) ? value : issues.fail(path, message);
  };
}

export function arrayOf<T>(item: Check<T>): Check<T[]> {
  return (value, path, issues) => {
    if (!Array.isArray(value)) return issues.fail(path, typeMessage('array', value));
    const items: T[] = [];
    let valid = true;
    // An index loop, not forEach: a hole in the array is a missing value ("Required"), not skipped.
    for (let index = 0; index < value.length; index++) {
      const checked = item(value[index], [...path, index], issues);
      if (checked === INVALID) valid = false;
      else items.push(checked);
    }
    return valid ? items : INVALID;
  };
}

export type Shape = Readonly<Record<string, Check<unknown>>>;
export type OptionalFields<S extends Shape> = { [K in keyof S]?: Exclude<ReturnType<S[K]>, Invalid> };

/** An object whose fields are all optional and whose unknown fields are errors: a typo must never pass. */
export function strictObject<S extends Shape>(shape: S): Check<OptionalFields<S>> {
  return (value, path, issues) => {
    if (!isPlainObject(value)) return issues.fail(path, typeMessage('object', value));
    const fields: Record<string, unknown> = {};
    let valid = true;
    for (const [key, check] of Object.entries(shape)) {
      if (!(key in value)) continue;
      const checked = value[key] === undefined ? undefined : check(value[key], [...path, key], issues);
      if (checked === INVALID) valid = false;
      else fields[key] = checked;
    }
    const unknown: string[] = [];
    // for...in, as zod walks the input: every enumerable key, compared with the shape's own keys only.
    for (const key in value) if (!Object.hasOwn(shape, key)) unknown.push(key);
    if (unknown.length > 0) {
      issues.lines.push(unknown.map((key) => `${key}: unknown field`).join('; '));
      valid = false;
    }
    return valid ? (fields as OptionalFields<S>) : INVALID;
  };
}
