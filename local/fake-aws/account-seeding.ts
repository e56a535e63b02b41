import { AccountBase } from './account-base';
import * as kms from './kms-keys';
import { setRegistration } from './load-balancers';
import * as launch from './seed-launch';
import * as fleet from './seed-fleet';
import type { AlarmRecord, AlarmState, ClassicHealth, LatticeTargetStatus, KmsKeyRecord } from './state';

/** Seeding what groups launch from and what watches them: images, templates, parameters, alarms, load balancers. */
export class SeededAccount extends AccountBase {
  addImage(spec: launch.ImageSpec = {}): string {
    return launch.addImage(this, spec);
  }
  /**
   * Deregisters as AWS answers a scheduled reader: no longer returned (asked by ID, empty while an instance runs it,
   * then InvalidAMIID.NotFound). `listedForMs`: the brief phase before that, still returned with state `deregistered`.
   * `gone: true` says the default explicitly.
   */
  deregisterImage(imageId: string, options: { listedForMs?: number; gone?: boolean } = {}): void {
    const listed = !options.gone && options.listedForMs !== undefined && options.listedForMs > 0;
    if (listed) launch.setImageState(this, imageId, 'deregistered', this.now() + (options.listedForMs ?? 0));
    else launch.setImageState(this, imageId, 'gone');
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

  // KMS keys.
  /** An enabled KMS key, HMAC_256 for GenerateMac / VerifyMac unless `keySpec` says otherwise; returns its ARN. */
  createKey(spec: kms.KeySpec = {}): string {
    return kms.createKey(this, spec);
  }
  setKeyState(keyArn: string, state: KmsKeyRecord['state']): void {
    kms.findKey(this.state, keyArn).state = state;
  }
  /** What GenerateMac answers (base64), for tests that write what only the key's holder could. */
  generateMac(keyArn: string, message: Uint8Array, algorithm = 'HMAC_SHA_256'): string {
    const bytes = Buffer.from(message);
    return kms.hmac(kms.macKey(this.state, keyArn, algorithm, bytes), algorithm, bytes).toString('base64');
  }

  // Alarms and load balancers.
  addTargetGroup(name?: string): string {
    return fleet.addTargetGroup(this, name);
  }
  addAlarm(name: string, options: { type?: AlarmRecord['type']; state?: AlarmState } = {}): void {
    this.state.alarms[name] = { name, type: options.type ?? 'MetricAlarm', state: options.state ?? 'OK', updatedAt: this.now() };
  }
  setAlarmState(name: string, state: AlarmState): void {
    const alarm = this.state.alarms[name];
    if (!alarm) throw new Error(`fake-aws: no alarm ${name}`);
    Object.assign(alarm, { state, updatedAt: this.now() });
  }
  /**
   * `healthy`, `unhealthy`, `draining`, `initial`, ...; undefined deregisters. On the target group's port (80, where
   * Auto Scaling registers members) unless `port` names another: that registers the instance once more.
   */
  setTargetHealth(targetGroupArn: string, instanceId: string, state: string | undefined, port?: number): void {
    const targets = this.state.targetGroups[targetGroupArn];
    if (!targets) throw new Error(`fake-aws: no target group ${targetGroupArn}`);
    setRegistration(targets, instanceId, state, port);
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

  // VPC Lattice target groups (groups naming one in `latticeTargetGroupArns` create it too).
  addLatticeTargetGroup(): string {
    return fleet.addLatticeTargetGroup(this);
  }
  /** `HEALTHY`, `UNHEALTHY`, `UNAVAILABLE`, `UNUSED`, `INITIAL`, `DRAINING`; undefined deregisters. On port 80 unless `port` names another. */
  setLatticeTargetStatus(arn: string, instanceId: string, status: LatticeTargetStatus | undefined, port?: number): void {
    const targets = this.state.latticeTargetGroups[arn];
    if (!targets) throw new Error(`fake-aws: no VPC Lattice target group ${arn}`);
    setRegistration(targets, instanceId, status, port);
  }
  /** The status targets registered from now on settle at, one tick after registering `INITIAL` (default `HEALTHY`). */
  setNewLatticeTargetStatus(arn: string, status: LatticeTargetStatus): void {
    if (!this.state.latticeTargetGroups[arn]) throw new Error(`fake-aws: no VPC Lattice target group ${arn}`);
    this.state.newLatticeTargetStatus[arn] = status;
  }
}
