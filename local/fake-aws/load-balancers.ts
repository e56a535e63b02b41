import { isSuspended } from './group-state';
import { registrationKey, registrationsOf } from './registrations';
import type { AccountState, GroupRecord } from './state';

/*
 * Load balancer registration is a process, as on AWS ("How suspended processes affect other
 * processes", AddToLoadBalancer; "Target health status" in the ELB guides): an instance that comes
 * into service is registered `initial` (Classic: registration in progress) and settles at the load
 * balancer's new-target health on the next tick. While AddToLoadBalancer is suspended nothing new is
 * registered, and resuming does not register what launched meanwhile. Termination drains first and
 * deregisters when the instance is gone. Auto Scaling registers (and drains) a member on the target group's port;
 * registrations on other ports are someone else's (registrations.ts).
 */

/** One attached load balancer's registrations and the states it moves them through. */
interface Attachment {
  readonly targets: Record<string, string>;
  readonly registering: string;
  readonly settled: string;
  readonly draining: string;
}

function attachments(state: AccountState, group: GroupRecord): Attachment[] {
  return [
    ...group.targetGroupArns.map((arn) => ({
      targets: (state.targetGroups[arn] ??= {}),
      registering: 'initial',
      settled: state.newTargetHealth[arn] ?? 'healthy',
      draining: 'draining',
    })),
    ...group.loadBalancerNames.map((name) => ({
      targets: (state.classicLoadBalancers[name] ??= {}),
      registering: 'registering',
      settled: state.newClassicHealth[name] ?? 'InService',
      draining: 'deregistering',
    })),
    // Auto Scaling "automatically registers the EC2 instances as targets" of an attached VPC Lattice target group and
    // deregisters them before termination (User Guide, "Manage traffic flow with a VPC Lattice target group"); a new
    // target is INITIAL while "initial health checks on the target are being performed" (TargetSummary).
    ...group.latticeTargetGroupArns.map((arn) => ({
      targets: (state.latticeTargetGroups[arn] ??= {}),
      registering: 'INITIAL',
      settled: state.newLatticeTargetStatus[arn] ?? 'HEALTHY',
      draining: 'DRAINING',
    })),
  ];
}

/** A new instance in service: registered `initial` everywhere, unless AddToLoadBalancer is suspended. */
export function registerNew(state: AccountState, group: GroupRecord, instanceId: string): void {
  if (isSuspended(group, 'AddToLoadBalancer')) return;
  for (const attachment of attachments(state, group)) attachment.targets[instanceId] = attachment.registering;
}

/** A seeded member that was in service before the story starts: registered and settled. */
export function registerSettled(state: AccountState, group: GroupRecord, instanceId: string): void {
  for (const attachment of attachments(state, group)) attachment.targets[instanceId] = attachment.settled;
}

/** Terminating: where Auto Scaling registered it, it drains; where it did not, nothing changes. */
export function drain(state: AccountState, group: GroupRecord, instanceId: string): void {
  for (const { targets, draining } of attachments(state, group)) if (targets[instanceId] !== undefined) targets[instanceId] = draining;
}

/** Gone (or detached): registered nowhere, on no port. AWS would keep other callers' registrations as unused. */
export function deregister(state: AccountState, group: GroupRecord, instanceId: string): void {
  for (const { targets } of attachments(state, group)) for (const key of registrationsOf(targets, instanceId)) delete targets[key];
}

/** One tick of health checks: registrations in progress settle at each load balancer's new-target health. */
export function settleRegistrations(state: AccountState): void {
  for (const [arn, targets] of Object.entries(state.targetGroups)) {
    for (const [id, health] of Object.entries(targets)) if (health === 'initial') targets[id] = state.newTargetHealth[arn] ?? 'healthy';
  }
  for (const [name, instances] of Object.entries(state.classicLoadBalancers)) {
    for (const [id, health] of Object.entries(instances)) if (health === 'registering') instances[id] = state.newClassicHealth[name] ?? 'InService';
  }
  for (const [arn, targets] of Object.entries(state.latticeTargetGroups)) {
    for (const [key, status] of Object.entries(targets)) if (status === 'INITIAL') targets[key] = state.newLatticeTargetStatus[arn] ?? 'HEALTHY';
  }
}

/** A test's direct setting, on the target group's port or another; undefined deregisters. */
export function setRegistration(targets: Record<string, string>, instanceId: string, health: string | undefined, port?: number): void {
  const key = registrationKey(instanceId, port);
  if (health === undefined) delete targets[key];
  else targets[key] = health;
}
