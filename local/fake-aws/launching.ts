import { failLaunch, startLaunch } from './activities';
import { createInstance } from './instances';
import { imageProblem, isFailure, resolveLaunch } from './launch-source';
import type { GroupRecord, InstanceRecord } from './state';
import type { World } from './world';

export interface LaunchRequest {
  readonly zone: string;
  readonly instanceType?: string;
  /** `Pending` into the group, or `Warmed:<state>` into its warm pool. */
  readonly lifecycleState: string;
  readonly cause: string;
  /** The activity's words before the instance ID, e.g. `Launching a new EC2 instance`. */
  readonly describedAs: string;
}

/**
 * One instance from what the group launches now. When the source does not resolve or its image
 * cannot run, nothing launches and the attempt is a Failed activity, as on AWS.
 */
export function launchFromSource(world: World, group: GroupRecord, request: LaunchRequest): InstanceRecord | undefined {
  const source = resolveLaunch(world.state, group, request.instanceType);
  const problem = isFailure(source) ? source.failure : imageProblem(world.state, source.imageId);
  if (isFailure(source) || problem !== undefined) {
    failLaunch(world, group, request.zone, problem ?? '', request.cause);
    return undefined;
  }
  const instance = createInstance(world, { ...source, group, availabilityZone: request.zone, lifecycleState: request.lifecycleState, healthStatus: 'Healthy' });
  startLaunch(world, group, instance, request.cause, request.describedAs);
  return instance;
}
