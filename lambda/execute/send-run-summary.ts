import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { RUN_SUMMARY_DETAIL_TYPE, RUN_SUMMARY_SOURCE, type RunSummary } from '../report/run-summary';
import { describeError } from '../util/describe-error';

/**
 * Sends the run's summary to the organization's central bus, by ARN: PutEvents takes "the name or ARN of the event bus"
 * and another account's bus admits the call when its resource policy does (EventBridge User Guide, "Permissions for event
 * buses"). PutEvents answers 200 even when an entry failed, with FailedEntryCount and a per-entry ErrorCode (EventBridge
 * API Reference, PutEvents), so the entry is checked too. A failure is returned, not thrown: the run itself has happened.
 */
export async function sendRunSummary(events: EventBridgeClient, busArn: string, summary: RunSummary): Promise<string | undefined> {
  try {
    const answer = await events.send(
      new PutEventsCommand({ Entries: [{ EventBusName: busArn, Source: RUN_SUMMARY_SOURCE, DetailType: RUN_SUMMARY_DETAIL_TYPE, Detail: JSON.stringify(summary) }] }),
    );
    const [entry] = answer.Entries ?? [];
    if ((answer.FailedEntryCount ?? 0) > 0 || entry?.ErrorCode) return `${entry?.ErrorCode ?? 'FailedEntry'}: ${entry?.ErrorMessage ?? 'the bus refused the summary'}`;
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}
