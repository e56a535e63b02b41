import { awsTime, recordDetachment } from './activities';
import { launchReplacement } from './group-behaviour';
import { countsTowardCapacity } from './group-members';
import { weightOf } from './group-weights';
import { deregister } from './load-balancers';
import { validationError } from './protocol/aws-error';
import type { World } from './world';

/*
 * Detaching an instance (Amazon EC2 Auto Scaling User Guide, "Detach or attach instances"): it
 * leaves the group and its load balancers but keeps running, and keeps the
 * `aws:autoscaling:groupName` tag AWS gave it at launch, so tags alone do not tell members.
 * With decrement the desired capacity drops (by the instance's units in a weighted group: the API
 * Reference says "by the number of instances detached", written for unweighted groups; unconfirmed);
 * without, the group launches replacement capacity.
 * Deregistration is immediate here (AWS drains first); the causes' wording is unconfirmed.
 */
export function detachFromGroup(world: World, instanceId: string, decrement: boolean): void {
  const instance = world.state.instances[instanceId];
  const group = instance?.group ? world.state.groups[instance.group] : undefined;
  const detachable = instance?.lifecycleState === 'InService' || instance?.lifecycleState === 'Standby';
  if (!instance || !group || !detachable) throw validationError(`The instance ${instanceId} is not part of an Auto Scaling group, or is not InService or Standby.`);
  const weight = weightOf(group, instance);
  if (decrement && group.desiredCapacity - weight < group.minSize) {
    throw validationError(`The number of instances to detach would leave the Auto Scaling group ${group.name} below its minimum size ${group.minSize}.`);
  }
  const at = awsTime(world.now());
  const cause = decrement
    ? `At ${at} an instance was detached in response to a user request, shrinking the capacity from ${group.desiredCapacity} to ${group.desiredCapacity - weight}.`
    : `At ${at} an instance was detached in response to a user request, keeping the capacity at ${group.desiredCapacity}.`;
  const filledCapacity = countsTowardCapacity(instance);
  deregister(world.state, group, instanceId);
  recordDetachment(world, group, instance, cause);
  for (const key of ['group', 'lifecycleState', 'healthStatus', 'protectedFromScaleIn', 'activity'] as const) delete instance[key];
  if (decrement) group.desiredCapacity -= weight;
  else if (filledCapacity) launchReplacement(world, group, instance);
}
