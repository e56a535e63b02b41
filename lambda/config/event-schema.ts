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

/** The EventBridge scheduled event: run with the configured policy. */
export function isScheduledEvent(event: unknown): boolean {
  if (typeof event !== 'object' || event === null) return false;
  const fields = event as Record<string, unknown>;
  return fields.source === 'aws.events' && fields['detail-type'] === 'Scheduled Event';
}
