import type { AccountState } from './state';

/** Load balancer registration follows the group: InService registers healthy, Terminating drains, terminated leaves. */
export function setTargetState(state: AccountState, arns: readonly string[], instanceId: string, health: string | undefined): void {
  for (const arn of arns) {
    const targets = (state.targetGroups[arn] ??= {});
    if (health === undefined) delete targets[instanceId];
    else targets[instanceId] = health;
  }
}
