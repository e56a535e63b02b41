import { parseEvent } from '../lambda/config/load-run-policy';
import type { ManualEvent } from '../lambda/config/event-schema';
import { InvalidInputError } from '../lambda/errors';
import { UsageError } from './errors';
import type { CliOptions } from './parse-cli-args';

/** Event field -> the flag that sets it, to name flags, not event fields, in messages. */
const FLAG_OF: Readonly<Record<string, string>> = {
  maxAgeDays: '--max-age-days',
  amiMaxAgeDays: '--ami-max-age-days',
  maxTerminations: '--max-terminations',
  maxTerminationsPerGroup: '--max-terminations-per-group',
  amiIds: '--ami',
  instanceIds: '--instance',
  groups: '--group',
};

/** Numeric text becomes a number and anything else stays text, so the schema's own message explains what is wrong. */
const numeric = (text: string | undefined): number | string | undefined =>
  text !== undefined && /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;

/** The manual invocation the flags describe, before validation: only fields that were given. */
export function overridesFromOptions(options: CliOptions): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    maxAgeDays: numeric(options.maxAgeDays),
    amiMaxAgeDays: numeric(options.amiMaxAgeDays),
    maxTerminations: numeric(options.maxTerminations),
    maxTerminationsPerGroup: numeric(options.maxTerminationsPerGroup),
    amiIds: options.amiIds.length > 0 ? options.amiIds : undefined,
    instanceIds: options.instanceIds.length > 0 ? options.instanceIds : undefined,
    groups: options.groups.length > 0 ? options.groups : undefined,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** `amiIds.1: expected an AMI ID` -> `--ami ami-x: expected an AMI ID`. */
function describeIssue(issue: string, event: Record<string, unknown>): string {
  const match = /^([A-Za-z]+)(?:\.(\d+))?: (.*)$/.exec(issue);
  if (!match) return issue;
  const [, field = '', index, message = ''] = match;
  const flag = FLAG_OF[field] ?? field;
  const value = index === undefined ? event[field] : (event[field] as unknown[] | undefined)?.[Number(index)];
  return `${flag} ${JSON.stringify(value)}: ${message}`;
}

/** Validates flags with the function's own event schema, so the CLI refuses exactly what a manual invocation would. */
export function validateOverrides(event: Record<string, unknown>): ManualEvent {
  try {
    return parseEvent(event);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw new UsageError(error.issues.map((issue) => describeIssue(issue, event)).join('\n'), { cause: error });
  }
}
