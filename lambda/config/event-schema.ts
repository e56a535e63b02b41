import { z } from 'zod';
import { budgetSchema } from './budget-schema';

const amiId = z.string().regex(/^ami-[A-Za-z0-9]+$/, 'expected an AMI ID such as ami-0abc123');
const instanceId = z.string().regex(/^i-[A-Za-z0-9]+$/, 'expected an instance ID such as i-0abc123');
const groupName = z.string().min(1, 'expected a non-empty group name');

/** A manual invocation: every field optional, overriding the configured policy for this run. Unknown keys are errors. */
export const manualEventSchema = z
  .object({
    dryRun: z.boolean(),
    maxAgeDays: z.number().min(0),
    amiMaxAgeDays: z.number().min(0),
    amiDrift: z.boolean(),
    amiIds: z.array(amiId),
    instanceIds: z.array(instanceId),
    groups: z.array(groupName),
    maxTerminationsPerGroup: budgetSchema,
    maxTerminations: z.number().int().min(0),
  })
  .partial()
  .strict();

export type ManualEvent = z.output<typeof manualEventSchema>;

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
