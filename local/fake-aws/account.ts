import type { FakeAccountOptions } from './account-base';
import { SeededAccount } from './account-seeding';
import { CallHooks, type CallHandler } from './call-hooks';
import { detachFromGroup } from './detach';
import { reconcile, requireGroup, setDesiredCapacity, terminateInGroup } from './group-behaviour';
import * as fleet from './seed-fleet';
import type { AccountState, ActivityRecord, PublishedMessage } from './state';
import { tick, type TickResult } from './tick';
import { groupView, instanceView, type GroupView, type InstanceView } from './views';
import { nextUuid } from './world';

export type { FakeAccountOptions } from './account-base';

/**
 * An in-memory AWS account: seed it, serve it with startFakeAws, read it back for assertions.
 * Seeding methods throw plain Errors on misuse; API-shaped methods (setDesiredCapacity,
 * terminateInstanceInGroup) throw the same AwsError the API answers with.
 */
export class FakeAccount extends SeededAccount {
  private readonly hooks = new CallHooks<FakeAccount>();

  static deserialize(json: string, options: FakeAccountOptions = {}): FakeAccount {
    return new FakeAccount(options, JSON.parse(json) as AccountState);
  }

  // Groups and instances.
  addGroup(spec: fleet.GroupSpec): string {
    return fleet.addGroup(this, spec).name;
  }
  /** Launches InService, Healthy members up to desired capacity (no Pending step); returns their IDs. */
  fillGroup(name: string, options: { launchTime?: number } = {}): string[] {
    return fleet.fillGroup(this, name, options.launchTime);
  }
  /** `fillGroup` for many groups at once, in time linear in the account's instances (large accounts). */
  fillGroups(fills: readonly { readonly name: string; readonly launchTime?: number }[]): string[] {
    return fleet.fillGroups(this, fills);
  }
  addInstance(spec: fleet.InstanceSpec): string {
    return fleet.addInstance(this, spec);
  }
  setDesiredCapacity(group: string, desired: number): void {
    setDesiredCapacity(this, group, desired);
  }
  terminateInstanceInGroup(instanceId: string, decrementDesiredCapacity = false): void {
    terminateInGroup(this, instanceId, decrementDesiredCapacity);
  }
  /** Leaves the group (still running, still tagged with the group's name); desired lowered, or a replacement launches. */
  detachInstance(instanceId: string, decrementDesiredCapacity: boolean): void {
    detachFromGroup(this, instanceId, decrementDesiredCapacity);
  }
  /** Seeds the group's warm pool to its size; returns the warmed instances' IDs. */
  fillWarmPool(name: string, options: { launchTime?: number } = {}): string[] {
    return fleet.fillWarmPool(this, name, options.launchTime);
  }
  suspendProcesses(group: string, processes: readonly string[]): void {
    const record = requireGroup(this.state, group);
    record.suspendedProcesses = [...new Set([...record.suspendedProcesses, ...processes])];
  }
  /** Resumes the named processes (all when none are named); the group then reconciles. */
  resumeProcesses(group: string, processes?: readonly string[]): void {
    const record = requireGroup(this.state, group);
    record.suspendedProcesses = processes ? record.suspendedProcesses.filter((name) => !processes.includes(name)) : [];
    reconcile(this, record);
  }
  setGroupStatus(group: string, status: string | undefined): void {
    const record = requireGroup(this.state, group);
    if (status === undefined) delete record.status;
    else record.status = status;
  }
  setGroupTag(group: string, key: string, value: string, propagateAtLaunch = false): void {
    const record = requireGroup(this.state, group);
    record.tags = [...record.tags.filter((tag) => tag.key !== key), { key, value, propagateAtLaunch }];
  }
  /** Another tool copies tags (values as they are now) from one group to another, e.g. a recorded state and its proof. */
  copyGroupTags(from: string, to: string, keys: readonly string[]): void {
    const source = requireGroup(this.state, from);
    for (const key of keys) {
      const tag = source.tags.find((candidate) => candidate.key === key);
      if (!tag) throw new Error(`fake-aws: group ${from} has no tag ${key}`);
      this.setGroupTag(to, key, tag.value, tag.propagateAtLaunch);
    }
  }
  removeGroupTag(group: string, key: string): void {
    const record = requireGroup(this.state, group);
    record.tags = record.tags.filter((tag) => tag.key !== key);
  }
  setInstanceTag(instanceId: string, key: string, value: string | undefined): void {
    const tags = this.instanceRecord(instanceId).tags;
    if (value === undefined) delete tags[key];
    else tags[key] = value;
  }
  /** Any lifecycle state, e.g. `Standby`, `Pending:Wait`, `Terminating:Wait`. */
  setLifecycleState(instanceId: string, lifecycleState: string): void {
    this.instanceRecord(instanceId).lifecycleState = lifecycleState;
  }
  setHealthStatus(instanceId: string, healthStatus: 'Healthy' | 'Unhealthy'): void {
    this.instanceRecord(instanceId).healthStatus = healthStatus;
  }
  setProtectedFromScaleIn(instanceId: string, protect: boolean): void {
    this.instanceRecord(instanceId).protectedFromScaleIn = protect;
  }
  /** A lifecycle hook completes: `X:Wait` becomes `X:Proceed`, which the next tick advances. */
  completeLifecycleAction(instanceId: string): void {
    const instance = this.instanceRecord(instanceId);
    instance.lifecycleState = instance.lifecycleState?.replace(/:Wait$/, ':Proceed');
  }
  stopInstance(instanceId: string): void {
    this.instanceRecord(instanceId).state = 'stopped';
  }
  /** A start resets LaunchTime (not the attach times), as on AWS. */
  startInstance(instanceId: string): void {
    Object.assign(this.instanceRecord(instanceId), { state: 'running', launchTime: this.now() });
  }
  startInstanceRefresh(group: string, status = 'InProgress'): string {
    requireGroup(this.state, group);
    const id = nextUuid(this.state);
    this.state.instanceRefreshes.push({ id, group, status, startTime: this.now() });
    return id;
  }
  setInstanceRefreshStatus(refreshId: string, status: string): void {
    const refresh = this.state.instanceRefreshes.find((candidate) => candidate.id === refreshId);
    if (!refresh) throw new Error(`fake-aws: no instance refresh ${refreshId}`);
    refresh.status = status;
  }
  /**
   * Runs `handler` once when the nth call (default 1st) of the action arrives from now on, before
   * it is answered: e.g. raise a group's capacity between a caller's read and its write. `Action`
   * in any service or `service:Action`; every arriving call counts, throttled or denied ones too.
   * Returns a function that removes the hook.
   */
  onCall(action: string, handler: CallHandler<FakeAccount>, options: { nth?: number } = {}): () => void {
    return this.hooks.add(action, handler, options.nth);
  }
  /** The server calls this for every decoded call before answering it. */
  async beforeAnswer(signingName: string, action: string, params: Readonly<Record<string, unknown>>): Promise<void> {
    await this.hooks.run(this, signingName, action, params);
  }

  /** One step of time: terminations finish, launches go InService, groups reconcile. */
  tick(): TickResult {
    return tick(this);
  }

  // Views for assertions: copies, safe to keep.
  group(name: string): GroupView {
    return groupView(this.state, requireGroup(this.state, name));
  }
  groupNames(): string[] {
    return Object.keys(this.state.groups);
  }
  instance(instanceId: string): InstanceView {
    return instanceView(this.instanceRecord(instanceId));
  }
  instances(filter: (instance: InstanceView) => boolean = () => true): InstanceView[] {
    return Object.values(this.state.instances).map(instanceView).filter(filter);
  }
  targetHealth(targetGroupArn: string): Record<string, string> {
    return { ...this.state.targetGroups[targetGroupArn] };
  }
  /** Registration (instance ID on port 80, else `ID:PORT`) → VPC Lattice target status. */
  latticeTargets(arn: string): Record<string, string> {
    return { ...this.state.latticeTargetGroups[arn] };
  }
  /** Instance ID → `registering`, `InService`, `OutOfService` or `deregistering`. */
  classicInstanceHealth(name: string): Record<string, string> {
    return { ...this.state.classicLoadBalancers[name] };
  }
  /** Scaling activities, newest first, of one group or all. */
  scalingActivities(group?: string): ActivityRecord[] {
    return this.state.activities.filter((activity) => group === undefined || activity.group === group).reverse().map((activity) => ({ ...activity }));
  }
  get published(): readonly PublishedMessage[] {
    return this.state.published;
  }
}
