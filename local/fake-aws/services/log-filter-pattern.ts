/*
 * The subset of CloudWatch Logs filter patterns a reader of the reaper's logs uses: empty (every
 * event), terms (`ERROR "run report"`: every term must occur), and one JSON comparison
 * (`{ $.message = "run report" }`, `{ $.level != "DEBUG" }`). Anything else is refused, as AWS refuses a pattern it cannot parse.
 */
import { AwsError } from '../protocol/aws-error';

const JSON_PATTERN = /^\{\s*\$\.([A-Za-z0-9_.]+)\s*(=|!=)\s*(?:"([^"]*)"|([^\s}]+))\s*\}$/;

function fieldOf(message: string, path: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return undefined;
  }
  for (const key of path.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** `"quoted phrases"` stay whole; other words are terms of their own. */
const termsOf = (pattern: string): string[] => [...pattern.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');

export function matchesFilterPattern(pattern: string | undefined, message: string): boolean {
  const text = pattern?.trim() ?? '';
  if (text === '') return true;
  if (text.startsWith('{')) {
    const match = JSON_PATTERN.exec(text);
    if (!match) throw new AwsError('InvalidParameterException', `fake-aws: unsupported filter pattern ${text}`);
    const [, path = '', operator, quoted, bare] = match;
    const value = fieldOf(message, path);
    const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    const equal = scalar && String(value) === (quoted ?? bare);
    return operator === '=' ? equal : value !== undefined && !equal;
  }
  return termsOf(text).every((term) => message.includes(term));
}
