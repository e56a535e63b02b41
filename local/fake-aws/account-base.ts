import { CallLog, type CallRecord } from './call-log';
import { emptyState, upgradeState, type AccountState, type InstanceRecord, type PageSizes } from './state';
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


  protected instanceRecord(instanceId: string): InstanceRecord {
    const instance = this.state.instances[instanceId];
    if (!instance) throw new Error(`fake-aws: no instance ${instanceId}`);
    return instance;
  }
}
