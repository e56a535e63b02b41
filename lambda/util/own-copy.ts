/**
 * A copy of `text` that keeps nothing else alive. V8 keeps a substring as a view into the string it was cut from, so one
 * instance ID kept from a parser's chunk would hold the whole chunk (64 KB of an AWS answer) in memory.
 */
export function ownCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** `value` with every string in its plain objects and arrays replaced by its own copy; anything else (dates) as is. */
export function withOwnStrings<T>(value: T): T {
  if (typeof value === 'string') return ownCopy(value) as T;
  if (Array.isArray(value)) return value.map(withOwnStrings) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withOwnStrings(item)])) as T;
  }
  return value;
}
