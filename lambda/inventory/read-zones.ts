import { DescribeAvailabilityZonesCommand } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../clients';
import type { RunError } from '../model/fleet';
import { describeError, readFailureCode } from '../util/describe-error';

export interface ZonesRead {
  /** Every zone that can hold an instance of the account, or undefined when that is not known (read in one chain then). */
  readonly zones?: readonly string[];
  readonly errors: readonly RunError[];
}

/**
 * The zones the account's instances can be in, so DescribeInstances can be read in one chain per zone instead of one
 * chain of pages for the whole region. `AllAvailabilityZones` lists every zone regardless of opt-in status; a Local or
 * Wavelength Zone the account has not opted in to (`not-opted-in`) cannot run its instances and would only cost a call.
 * An answer naming no zone proves nothing: the instances are then read in one chain, as when the call fails.
 */
export async function readZones(clients: AwsClients): Promise<ZonesRead> {
  try {
    const output = await clients.ec2.send(new DescribeAvailabilityZonesCommand({ AllAvailabilityZones: true }));
    const zones = (output?.AvailabilityZones ?? []).flatMap((zone) => (zone.ZoneName && zone.OptInStatus !== 'not-opted-in' ? [zone.ZoneName] : []));
    // Sorted: "the order of the elements in the response ... might vary" (DescribeAvailabilityZones), the snapshot's must not.
    return zones.length > 0 ? { zones: [...new Set(zones)].sort(), errors: [] } : { errors: [] };
  } catch (error) {
    return { errors: [{ code: readFailureCode(error), message: `DescribeAvailabilityZones failed, instances read in one chain: ${describeError(error)}` }] };
  }
}
