import { paginateDescribeWarmPool, type AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import type { AwsClients } from '../clients';
import type { InstanceSnapshot, RunError } from '../model/fleet';
import { isRetainedState } from '../policy/retained';
import { TAG } from '../policy/tag-keys';
import { describeError, readFailureCode } from '../util/describe-error';
import { mapWithConcurrency } from '../util/map-with-concurrency';

export interface WarmPoolRead {
  readonly instanceIds: Set<string>;
  readonly errors: RunError[];
}

/** A warm-pool instance an instance lifecycle policy retained: it holds nothing, an operator decides. */
const retainedInWarmPool = (group: string, instanceId: string, state: string): RunError => ({
  group,
  instanceId,
  code: 'instance-retained',
  message: `warm-pool instance is ${state}: an instance lifecycle policy retained it; it is not part of the pool's capacity. Terminate it once it is no longer needed`,
});

/**
 * The instances waiting in warm pools. DescribeAutoScalingGroups does not list them, yet they carry their group's
 * `aws:autoscaling:groupName` tag: only DescribeWarmPool tells them from detached instances. Asked only of groups
 * that have a warm pool; when that read fails, every unlisted instance tagged with the group counts as warm (never
 * reported unmanaged on a guess).
 */
export async function readWarmPools(clients: AwsClients, groups: readonly AutoScalingGroup[], instances: ReadonlyMap<string, InstanceSnapshot>): Promise<WarmPoolRead> {
  const pooled = groups.filter((group) => group.WarmPoolConfiguration !== undefined && group.AutoScalingGroupName);
  const instanceIds = new Set<string>();
  const errors: RunError[] = [];
  await mapWithConcurrency(pooled, 8, async (group) => {
    const name = group.AutoScalingGroupName ?? '';
    try {
      for await (const page of paginateDescribeWarmPool({ client: clients.autoScaling }, { AutoScalingGroupName: name })) {
        for (const instance of page.Instances ?? []) {
          if (!instance.InstanceId) continue;
          instanceIds.add(instance.InstanceId);
          if (isRetainedState(instance.LifecycleState ?? '')) errors.push(retainedInWarmPool(name, instance.InstanceId, instance.LifecycleState ?? ''));
        }
      }
    } catch (error) {
      errors.push({ group: name, code: readFailureCode(error), message: `DescribeWarmPool failed: ${describeError(error)}; instances tagged with the group are not reported unmanaged this run` });
      for (const instance of instances.values()) if (instance.tags[TAG.autoScalingGroupName] === name) instanceIds.add(instance.instanceId);
    }
  });
  return { instanceIds, errors };
}
