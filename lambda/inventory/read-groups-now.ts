import type { AwsClients } from '../clients';
import type { GroupSnapshot, ReadFailure } from '../model/fleet';
import { describeError, readFailureCode } from '../util/describe-error';
import { readGroups, toGroupSnapshot } from './read-groups';

/**
 * The named groups as they are now, for the guard at the write: one paged DescribeAutoScalingGroups by name for all of
 * them (up to 100 names a call with MaxRecords 100). A group that no longer exists is absent; a failed read is returned
 * as such, and then nothing is written.
 */
export async function readGroupsNow(clients: AwsClients, names: readonly string[]): Promise<ReadonlyMap<string, GroupSnapshot> | { failure: ReadFailure }> {
  if (names.length === 0) return new Map();
  try {
    const { groups } = await readGroups(clients, names);
    return new Map(groups.map((group) => [group.AutoScalingGroupName ?? '', toGroupSnapshot(group)]));
  } catch (error) {
    return { failure: { code: readFailureCode(error), message: describeError(error) } };
  }
}
