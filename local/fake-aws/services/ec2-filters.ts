import type { Filter } from '@aws-sdk/client-ec2';
import { AwsError } from '../protocol/aws-error';

/** Reads one field of a resource for a filter name; undefined when the filter is unknown. */
export type FilterField<T> = (item: T, name: string) => string | undefined | null;

/** EC2 filters: values are ORed within a filter, filters ANDed; `*` and `?` wildcards. An unknown filter name is an error, as on AWS. */
export function applyFilters<T>(items: readonly T[], filters: readonly Filter[] | undefined, field: FilterField<T>, known: (name: string) => boolean): T[] {
  const active = filters ?? [];
  for (const filter of active) {
    if (!known(filter.Name ?? '')) throw new AwsError('InvalidParameterValue', `The filter '${filter.Name ?? ''}' is invalid`);
  }
  const patterns = active.map((filter) => ({ name: filter.Name ?? '', values: (filter.Values ?? []).map(toPattern) }));
  return items.filter((item) =>
    patterns.every(({ name, values }) => {
      const value = field(item, name);
      return value !== undefined && value !== null && values.some((pattern) => pattern.test(value));
    }),
  );
}

export function checkMaxResults(maxResults: number | undefined, min: number): void {
  if (maxResults !== undefined && (maxResults < min || maxResults > 1000)) {
    throw new AwsError('InvalidParameterValue', `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between ${min} and 1000.`);
  }
}

function toPattern(value: string): RegExp {
  const escaped = value.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/** `The instance ID 'i-1' does not exist` / `The instance IDs 'i-1, i-2' do not exist`. */
export function notFound(code: string, noun: string, ids: readonly string[], bracketed = false): AwsError {
  const list = bracketed ? `[${ids.join(', ')}]` : ids.join(', ');
  return ids.length === 1
    ? new AwsError(code, `The ${noun} '${list}' does not exist`)
    : new AwsError(code, `The ${noun}s '${list}' do not exist`);
}
