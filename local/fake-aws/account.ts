import { CallLog, type CallRecord } from './call-log';
import { reconcile, requireGroup, setDesiredCapacity, terminateInGroup } from './group-behaviour';
import * as launch from './seed-launch';
import * as fleet from './seed-fleet';
import { emptyState, upgradeState, type AccountState, type ActivityRecord, type ClassicHealth, type AlarmRecord, type AlarmState, type PageSizes, type PublishedMessage } from './state';
import { setRegistration } from './load-balancers';
import { tick, type TickResult } from './tick';
import { groupView, instanceView, type GroupView, type InstanceView } from './views';
import { nextUuid, type World } from './world';

export interface FakeAccountOptions {
  /** The clock, epoch ms; default Date.now. Launch times of new instances come from it. */
  readonly now?: () => number;
  readonly accountId?: string;
  readonly region?: string;
  /** Server-side page sizes (small by default); AWS_PAGE_SIZES gives AWS's maxima. */
  readonly pageSizes?: Partial<PageSizes>;
}

/**
 * An in-memory AWS account: seed it, serve it with startFakeAws, read it back for assertions.
 * Seeding methods throw plain Errors on misuse; API-shaped methods (setDesiredCapacity,
 * terminateInstanceInGroup) throw the same AwsError the API answers with.
 */
export class FakeAccount implements World {
  readonly state: AccountState;
  readonly now: () => number;
  private readonly log = new CallLog();

  constructor(options: FakeAccountOptions = {}, state?: AccountState) {
    this.now = options.now ?? Date.now;
    this.state = state ? upgradeState(state) : emptyState(options.accountId ?? '123456789012', options.region ?? 'us-east-1', options.pageSizes);
    if (state && options.pageSizes) this.setPageSizes(options.pageSizes);
  }

  static deserialize(json: string, options: FakeAccountOptions = {}): FakeAccount {
    return new FakeAccount(options, JSON.parse(json) as AccountState);
  }

  /** The whole account as JSON text (the call log is not part of it). */
  serialize(): string {
    return JSON.stringify(this.state);
  }

  setPageSizes(sizes: Partial<PageSizes>): void {
    Object.assign(this.state.pageSizes, sizes);
  }

  // Images, templates, launch configurations, parameters.
  addImage(spec: launch.ImageSpec = {}): string {
    return launch.addImage(this, spec);
  }
  /** Recently deregistered: still described, with state `deregistered`. `gone: true`: no longer described at all. */
  deregisterImage(imageId: string, options: { gone?: boolean } = {}): void {
    launch.setImageState(this, imageId, options.gone ? 'gone' : 'deregistered');
  }
  disableImage(imageId: string): void {
    launch.setImageState(this, imageId, 'disabled');
  }
  deprecateImage(imageId: string, at: number = this.now()): void {
    const image = this.state.images[imageId];
    if (!image) throw new Error(`fake-aws: no image ${imageId}`);
    image.deprecationTime = at;
  }
  addLaunchTemplate(spec: launch.TemplateSpec): string {
    return launch.addLaunchTemplate(this, spec);
  }
  addLaunchTemplateVersion(template: string, spec: launch.TemplateVersionSpec): number {
    return launch.addLaunchTemplateVersion(this, template, spec);
  }
  setDefaultVersion(template: string, version: number): void {
    launch.setDefaultVersion(this, template, version);
  }
  addLaunchConfiguration(spec: { name: string; imageId: string; instanceType?: string }): void {
    launch.addLaunchConfiguration(this, spec);
  }
  putParameter(name: string, value: string, type: 'String' | 'StringList' | 'SecureString' = 'String'): number {
    return launch.putParameter(this, name, value, type);
  }
  deleteParameter(name: string): void {
    delete this.state.parameters[name];
  }

  // Groups and instances.
  addGroup(spec: fleet.GroupSpec): string {
    return fleet.addGroup(this, spec).name;
  }
  /** Launches InService, Healthy members up to desired capacity (no Pending step); returns their IDs. */
  fillGroup(name: string, options: { launchTime?: number } = {}): string[] {
    return fleet.fillGroup(this, name, options.launchTime);
  }
  addInstance(spec: fleet.InstanceSpec): string {
    return fleet.addInstance(this, spec);
  }
  addTargetGroup(name?: string): string {
    return fleet.addTargetGroup(this, name);
  }
  setDesiredCapacity(group: string, desired: number): void {
    setDesiredCapacity(this, group, desired);
  }
  terminateInstanceInGroup(instanceId: string, decrementDesiredCapacity = false): void {
    terminateInGroup(this, instanceId, decrementDesiredCapacity);
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
  removeGroupTag(group: string, key: string): void {
    const record = requireGroup(this.state, group);
    record.tags = record.tags.filter((tag) => tag.key !== key);
  }
  setInstanceTag(instanceId: string, key: string, value: string | undefined): void {
    const tags = this.record(instanceId).tags;
    if (value === undefined) delete tags[key];
    else tags[key] = value;
  }
  /** Any lifecycle state, e.g. `Standby`, `Pending:Wait`, `Terminating:Wait`. */
  setLifecycleState(instanceId: string, lifecycleState: string): void {
    this.record(instanceId).lifecycleState = lifecycleState;
  }
  setHealthStatus(instanceId: string, healthStatus: 'Healthy' | 'Unhealthy'): void {
    this.record(instanceId).healthStatus = healthStatus;
  }
  setProtectedFromScaleIn(instanceId: string, protect: boolean): void {
    this.record(instanceId).protectedFromScaleIn = protect;
  }
  /** A lifecycle hook completes: `X:Wait` becomes `X:Proceed`, which the next tick advances. */
  completeLifecycleAction(instanceId: string): void {
    const instance = this.record(instanceId);
    instance.lifecycleState = instance.lifecycleState?.replace(/:Wait$/, ':Proceed');
  }
  stopInstance(instanceId: string): void {
    this.record(instanceId).state = 'stopped';
  }
  /** A start resets LaunchTime (not the attach times), as on AWS. */
  startInstance(instanceId: string): void {
    Object.assign(this.record(instanceId), { state: 'running', launchTime: this.now() });
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
  addAlarm(name: string, options: { type?: AlarmRecord['type']; state?: AlarmState } = {}): void {
    this.state.alarms[name] = { name, type: options.type ?? 'MetricAlarm', state: options.state ?? 'OK', updatedAt: this.now() };
  }
  setAlarmState(name: string, state: AlarmState): void {
    const alarm = this.state.alarms[name];
    if (!alarm) throw new Error(`fake-aws: no alarm ${name}`);
    Object.assign(alarm, { state, updatedAt: this.now() });
  }
  /** `healthy`, `unhealthy`, `draining`, `initial`, ...; undefined deregisters. */
  setTargetHealth(targetGroupArn: string, instanceId: string, state: string | undefined): void {
    const targets = this.state.targetGroups[targetGroupArn];
    if (!targets) throw new Error(`fake-aws: no target group ${targetGroupArn}`);
    setRegistration(targets, instanceId, state);
  }
  /** A Classic Load Balancer (groups naming it in `loadBalancerNames` create it too). */
  addClassicLoadBalancer(name: string): string {
    this.state.classicLoadBalancers[name] ??= {};
    return name;
  }
  /** An instance's health as the Classic Load Balancer sees it; undefined deregisters. */
  setClassicInstanceHealth(name: string, instanceId: string, health: ClassicHealth | undefined): void {
    const instances = this.state.classicLoadBalancers[name];
    if (!instances) throw new Error(`fake-aws: no Classic Load Balancer ${name}`);
    setRegistration(instances, instanceId, health);
  }
  /** The health instances registered from now on settle at, one tick after registering (default `InService`). */
  setNewClassicInstanceHealth(name: string, health: ClassicHealth): void {
    if (!this.state.classicLoadBalancers[name]) throw new Error(`fake-aws: no Classic Load Balancer ${name}`);
    this.state.newClassicHealth[name] = health;
  }
  /** The state instances registered from now on settle at, one tick after registering `initial` (default `healthy`). */
  setNewTargetHealth(targetGroupArn: string, state: string): void {
    if (!this.state.targetGroups[targetGroupArn]) throw new Error(`fake-aws: no target group ${targetGroupArn}`);
    this.state.newTargetHealth[targetGroupArn] = state;
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
    return instanceView(this.record(instanceId));
  }
  instances(filter: (instance: InstanceView) => boolean = () => true): InstanceView[] {
    return Object.values(this.state.instances).map(instanceView).filter(filter);
  }
  targetHealth(targetGroupArn: string): Record<string, string> {
    return { ...this.state.targetGroups[targetGroupArn] };
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

  // The call log, written by the server.
  get calls(): readonly CallRecord[] {
    return this.log.all;
  }
  mutatingCalls(): CallRecord[] {
    return this.log.mutating();
  }
  clearCalls(): void {
    this.log.clear();
  }
  recordCall(call: CallRecord): void {
    this.log.record(call);
  }

  private record(instanceId: string) {
    const instance = this.state.instances[instanceId];
    if (!instance) throw new Error(`fake-aws: no instance ${instanceId}`);
    return instance;
  }
}
