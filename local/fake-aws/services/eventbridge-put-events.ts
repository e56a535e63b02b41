import type { PutEventsRequest, PutEventsRequestEntry, PutEventsResponse, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { accountPrincipal } from '../../org/access-keys';
import { admission, type BusRecord } from '../../org/central-bus';
import { organizationOf, type LocalOrganization } from '../../org/local-organization';
import type { FakeAccount } from '../account';
import { AwsError } from '../protocol/aws-error';
import { nextUuid } from '../world';

/*
 * PutEvents (EventBridge API Reference): 1 to 10 entries a call; an entry is at most 256 KB, counted as the UTF-8 bytes
 * of Source, DetailType, Detail and each Resource plus 14 for Time ("Calculating PutEvents event entry size"), and the
 * whole request too. Entries fail one by one (FailedEntryCount, ErrorCode and ErrorMessage in their place, EventId for the
 * rest); a bus of another account admits a call only when its resource policy allows the caller, else the call fails
 * with AccessDeniedException in IAM's wording for a missing resource-based allow. Per-entry codes are the documented
 * ones (NotAuthorizedForSourceException, MalformedDetail, InvalidArgument); their messages, the ResourceNotFoundException
 * for an unknown bus of the caller's own account and the wording of both ValidationExceptions are unconfirmed.
 */

export const MAX_ENTRIES = 10;
export const MAX_ENTRY_BYTES = 256 * 1024;

const bytes = (text: string | undefined): number => (text === undefined ? 0 : Buffer.byteLength(text, 'utf8'));

export function entrySize(entry: PutEventsRequestEntry): number {
  return (entry.Time ? 14 : 0) + bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail) + (entry.Resources ?? []).reduce((sum, resource) => sum + bytes(resource), 0);
}

function checkRequest(entries: readonly PutEventsRequestEntry[]): void {
  if (entries.length < 1 || entries.length > MAX_ENTRIES) {
    throw new AwsError('ValidationException', `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES} and greater than or equal to 1`);
  }
  if (entries.reduce((sum, entry) => sum + entrySize(entry), 0) > MAX_ENTRY_BYTES) throw new AwsError('ValidationException', 'Total size of the entries in the request is over the limit.');
}

const failed = (ErrorCode: string, ErrorMessage: string): PutEventsResultEntry => ({ ErrorCode, ErrorMessage });

/** The detail as a JSON object, or why the entry fails. */
function parseDetail(entry: PutEventsRequestEntry): unknown {
  try {
    const detail: unknown = JSON.parse(entry.Detail ?? '');
    return detail !== null && typeof detail === 'object' && !Array.isArray(detail) ? detail : undefined;
  } catch {
    return undefined;
  }
}

function deliver(account: FakeAccount, bus: BusRecord, entry: PutEventsRequestEntry): PutEventsResultEntry {
  if (!entry.Source || !entry.DetailType || entry.Detail === undefined) return failed('InvalidArgument', 'Parameters Source, DetailType and Detail are required.');
  const detail = parseDetail(entry);
  if (detail === undefined) return failed('MalformedDetail', 'Detail is malformed.');
  const id = nextUuid(account.state);
  const time = new Date(entry.Time ?? account.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  bus.events.push({ version: '0', id, 'detail-type': entry.DetailType, source: entry.Source, account: account.state.accountId, time, region: bus.region, resources: entry.Resources ?? [], detail });
  return { EventId: id };
}

function busFor(org: LocalOrganization | undefined, account: FakeAccount, entry: PutEventsRequestEntry): BusRecord | undefined {
  return org?.buses.resolve(entry.EventBusName ?? 'default', { accountId: account.state.accountId, region: account.state.region });
}

/** Sends each entry to its bus (by name or ARN), as the bus's policy admits it; a call that one bus denies delivers nothing. */
export function putEvents(account: FakeAccount, input: PutEventsRequest): PutEventsResponse {
  const entries = input.Entries ?? [];
  checkRequest(entries);
  const org = organizationOf(account);
  const sender = { accountId: account.state.accountId, ...(org?.isMember(account.state.accountId) ? { orgId: org.id } : {}) };
  const judged = entries.map((entry) => {
    const bus = busFor(org, account, entry);
    return { entry, bus, verdict: bus && admission(bus, sender, entry.Source ?? '') };
  });
  const denied = judged.find((item) => item.verdict === 'principal-denied')?.bus;
  if (denied) {
    const principal = accountPrincipal(account.state.accountId);
    throw new AwsError('AccessDeniedException', `User: ${principal} is not authorized to perform: events:PutEvents on resource: ${denied.arn} because no resource-based policy allows the events:PutEvents action`);
  }
  const answers = judged.map(({ entry, bus, verdict }) => {
    if (!bus) return failed('ResourceNotFoundException', `Event bus ${entry.EventBusName ?? 'default'} does not exist.`);
    if (verdict === 'source-denied') return failed('NotAuthorizedForSourceException', 'Not authorized for the source.');
    return deliver(account, bus, entry);
  });
  return { FailedEntryCount: answers.filter((entry) => entry.ErrorCode).length, Entries: answers };
}
