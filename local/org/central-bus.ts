/*
 * Event buses of the local accounts and what they hold. A bus's resource policy is modelled as the organization's
 * central bus policy needs it: PutEvents from any principal of one organization (`aws:PrincipalOrgID`), for a list of
 * sources (`events:source`); the bus's own account always may put (its identity policies are not modelled).
 */

export interface BusPolicy {
  /** `aws:PrincipalOrgID`: only principals of this organization may put events. */
  readonly principalOrgId: string;
  /** `events:source`: only these sources. */
  readonly sources: readonly string[];
}

/** An event as EventBridge delivers it to a target (and a CloudWatch Logs target stores it): the envelope and the detail. */
export interface StoredEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  /** The account that put the event. */
  readonly account: string;
  /** ISO 8601 without milliseconds, as EventBridge writes it. */
  readonly time: string;
  /** The region the event was put in: the bus's, since a bus ARN is called at its own regional endpoint. */
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
}

export interface BusRecord {
  readonly arn: string;
  readonly accountId: string;
  readonly region: string;
  readonly name: string;
  readonly policy?: BusPolicy;
  readonly events: StoredEvent[];
}

export const busArn = (region: string, accountId: string, name: string): string => `arn:aws:events:${region}:${accountId}:event-bus/${name}`;

/** `arn:aws:events:REGION:ACCOUNT:event-bus/NAME`, or undefined for a plain name. */
export function parseBusArn(nameOrArn: string): { region: string; accountId: string; name: string } | undefined {
  const match = /^arn:aws[a-z-]*:events:([^:]+):(\d{12}):event-bus\/(.+)$/.exec(nameOrArn);
  return match ? { region: match[1] ?? '', accountId: match[2] ?? '', name: match[3] ?? '' } : undefined;
}

export class EventBuses {
  private readonly buses = new Map<string, BusRecord>();

  create(region: string, accountId: string, name: string, policy?: BusPolicy): BusRecord {
    const bus: BusRecord = { arn: busArn(region, accountId, name), accountId, region, name, ...(policy ? { policy } : {}), events: [] };
    this.buses.set(bus.arn, bus);
    return bus;
  }

  byArn(arn: string): BusRecord | undefined {
    return this.buses.get(arn);
  }

  /** A bus named by name (in the caller's account and region) or by ARN (anywhere). */
  resolve(nameOrArn: string, caller: { accountId: string; region: string }): BusRecord | undefined {
    return this.buses.get(parseBusArn(nameOrArn) ? nameOrArn : busArn(caller.region, caller.accountId, nameOrArn));
  }
}

export type Admission = 'admitted' | 'principal-denied' | 'source-denied';

/** Whether the bus's policy admits one entry from a sender: its own account always; another only by the policy. */
export function admission(bus: BusRecord, sender: { accountId: string; orgId?: string }, source: string): Admission {
  if (sender.accountId === bus.accountId) return 'admitted';
  if (!bus.policy || sender.orgId !== bus.policy.principalOrgId) return 'principal-denied';
  return bus.policy.sources.includes(source) ? 'admitted' : 'source-denied';
}
