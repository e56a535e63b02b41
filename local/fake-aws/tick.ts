import { finishActivity } from './activities';
import { reconcile } from './group-behaviour';
import { membersByGroup } from './group-members';
import type { InstanceRecord } from './state';
import { deregister, registerNew, settleRegistrations } from './load-balancers';
import type { World } from './world';

export interface TickResult {
  /** Left their group and are EC2 `terminated`. */
  readonly terminated: string[];
  /** Pending instances now InService and Healthy. */
  readonly inService: string[];
  /** Launched Pending by reconciliation. */
  readonly launched: string[];
  /** Began terminating by reconciliation (scale-in). */
  readonly terminating: string[];
}

// `:Wait` states stand for lifecycle hooks holding the instance; they advance only when the hook completes.
const FINISHING = new Set(['Terminating', 'Terminating:Proceed']);
const STARTING = new Set(['Pending', 'Pending:Proceed']);

function finishTermination(world: World, instance: InstanceRecord): void {
  const group = instance.group ? world.state.groups[instance.group] : undefined;
  if (group) deregister(world.state, group, instance.instanceId);
  finishActivity(world, instance);
  instance.state = 'terminated';
  delete instance.group;
  delete instance.lifecycleState;
  delete instance.healthStatus;
  delete instance.protectedFromScaleIn;
}

function putInService(world: World, instance: InstanceRecord): void {
  const group = instance.group ? world.state.groups[instance.group] : undefined;
  instance.lifecycleState = 'InService';
  instance.healthStatus = 'Healthy';
  instance.state = 'running';
  finishActivity(world, instance);
  if (group) registerNew(world.state, group, instance.instanceId);
}

/**
 * One step of time for every group: registrations made last tick settle, terminations finish,
 * launches come into service (registering with load balancers), then groups reconcile.
 */
export function tick(world: World): TickResult {
  const result: TickResult = { terminated: [], inService: [], launched: [], terminating: [] };
  settleRegistrations(world.state);
  for (const instance of Object.values(world.state.instances)) {
    if (instance.group === undefined) continue;
    if (FINISHING.has(instance.lifecycleState ?? '')) {
      finishTermination(world, instance);
      result.terminated.push(instance.instanceId);
    } else if (STARTING.has(instance.lifecycleState ?? '')) {
      putInService(world, instance);
      result.inService.push(instance.instanceId);
    }
  }
  // Members are listed once for all groups: reconciling one group never changes another's.
  const members = membersByGroup(world.state);
  for (const group of Object.values(world.state.groups)) {
    const touched = reconcile(world, group, members.get(group.name) ?? []);
    result.launched.push(...touched.launched);
    result.terminating.push(...touched.terminating);
  }
  return result;
}
