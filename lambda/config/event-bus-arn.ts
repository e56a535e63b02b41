/**
 * An event bus ARN: `arn:PARTITION:events:REGION:ACCOUNT:event-bus/NAME` (EventBridge User Guide, "Amazon EventBridge
 * resources": event bus names are up to 256 characters of letters, digits, `.`, `-`, `_` and `/`).
 */
export const EVENT_BUS_ARN = /^arn:aws[a-z-]*:events:[a-z]{2}(-[a-z]+)+-\d:\d{12}:event-bus\/[A-Za-z0-9._\-/]{1,256}$/;

/** The region of a bus ARN: the summary is sent to the bus's own regional endpoint, whatever region the function runs in. */
export function eventBusRegion(arn: string): string {
  return arn.split(':')[3] ?? '';
}
