import type { Budget } from '../model/run-policy';
import { budgetSchema } from './budget-schema';
import { arrayOf, boolean, number, strictObject, text, type Check } from './checks';

const amiId = text((value) => /^ami-[A-Za-z0-9]+$/.test(value), 'expected an AMI ID such as ami-0abc123');
const instanceId = text((value) => /^i-[A-Za-z0-9]+$/.test(value), 'expected an instance ID such as i-0abc123');
const groupName = text((value) => value.length >= 1, 'expected a non-empty group name');

/** A manual invocation's overrides: every field optional. */
export interface ManualEvent {
  dryRun?: boolean;
  maxAgeDays?: number;
  amiMaxAgeDays?: number;
  amiDrift?: boolean;
  amiIds?: string[];
  instanceIds?: string[];
  groups?: string[];
  maxTerminationsPerGroup?: Budget;
  maxTerminations?: number;
}

/** A manual invocation: every field optional, overriding the configured policy for this run. Unknown keys are errors. */
export const manualEventSchema: Check<ManualEvent> = strictObject({
  dryRun: boolean,
  maxAgeDays: number({ min: 0 }),
  amiMaxAgeDays: number({ min: 0 }),
  amiDrift: boolean,
  amiIds: arrayOf(amiId),
  instanceIds: arrayOf(instanceId),
  groups: arrayOf(groupName),
  maxTerminationsPerGroup: budgetSchema,
  maxTerminations: number({ integer: true, min: 0 }),
});

const ENVELOPE_KEYS = new Set(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail', 'replay-name']);

/**
 * The EventBridge scheduled event: run with the configured policy. Only the envelope's own fields
 * count: `{ "source": "aws.events", "detail-type": "Scheduled Event", "dryRun": true }` is a manual
 * event with unknown fields, refused, never a real run that ignores `dryRun`.
 */
export function isScheduledEvent(event: unknown): boolean {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return false;
  const fields = event as Record<string, unknown>;
  const envelopeOnly = Object.keys(fields).every((key) => ENVELOPE_KEYS.has(key));
  return envelopeOnly && fields.source === 'aws.events' && fields['detail-type'] === 'Scheduled Event';
}
