import { CallLog, type CallRecord } from './call-log';
import { deniedResource, Denials, iamAction, type DenyOptions } from './denials';
import type { Denial } from './protocol/access-denied';
import type { AccountState, InstanceRecord, PageSizes } from './state';
import { emptyState, upgradeState } from './state-init';
import type { World } from './world';

export interface FakeAccountOptions {
  /** The clock, epoch ms; default Date.now. Launch times of new instances come from it. */
  readonly now?: () => number;
  readonly accountId?: string;
  readonly region?: string;
  /** Server-side page sizes (small by default); AWS_PAGE_SIZES gives AWS's maxima. */
  readonly pageSizes?: Partial<PageSizes>;
}

/** The account's data, clock and call log: what every layer of FakeAccount works on. */
export class AccountBase implements World {
  readonly state: AccountState;
  readonly now: () => number;
  private readonly log = new CallLog();
  private readonly denials = new Denials();

  constructor(options: FakeAccountOptions = {}, state?: AccountState) {
    this.now = options.now ?? Date.now;
    this.state = state ? upgradeState(state) : emptyState(options.accountId ?? '123456789012', options.region ?? 'us-east-1', options.pageSizes);
    if (state && options.pageSizes) this.setPageSizes(options.pageSizes);
  }

  /** The whole account as JSON text (the call log is not part of it). */
  serialize(): string {
    return JSON.stringify(this.state);
  }

  setPageSizes(sizes: Partial<PageSizes>): void {
    Object.assign(this.state.pageSizes, sizes);
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


  /**
   * Every call of the action is denied from now on, as an SCP or permission boundary would deny it
   * (optionally only calls whose parameters satisfy `when`): `Action` in any service, or
   * `service:Action` by signing name or IAM prefix (`autoscaling:SetDesiredCapacity`).
   */
  denyAction(action: string, options: DenyOptions = {}): void {
    this.denials.deny(action, options);
  }
  allowAction(action: string): void {
    this.denials.allow(action);
  }
  /** The denial a call meets, if any (the server asks before answering). */
  denialOf(signingName: string, action: string, params: Readonly<Record<string, unknown>>): Denial | undefined {
    if (!this.denials.denies(signingName, action, params)) return undefined;
    const resource = deniedResource(this.state, params);
    return { principal: `arn:aws:sts::${this.state.accountId}:assumed-role/fake-aws-caller/fake-aws-session`, iamAction: iamAction(signingName, action), ...(resource ? { resource } : {}) };
  }

  protected instanceRecord(instanceId: string): InstanceRecord {
    const instance = this.state.instances[instanceId];
    if (!instance) throw new Error(`fake-aws: no instance ${instanceId}`);
    return instance;
  }
}
