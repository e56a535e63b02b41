/** Where a schedule fires: the account and region of the function it invokes. */
export interface ScheduleOrigin {
  readonly accountId: string;
  readonly region: string;
}

/**
 * What an EventBridge schedule sends the function at `at`: the `Scheduled Event` envelope with nothing else, which the
 * function takes as "run the configured policy" (lambda/config/event-schema.ts).
 */
export function scheduledEvent(origin: ScheduleOrigin, at: number, id: string) {
  return {
    version: '0',
    id,
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: origin.accountId,
    time: new Date(at).toISOString(),
    region: origin.region,
    resources: [],
    detail: {},
  };
}
