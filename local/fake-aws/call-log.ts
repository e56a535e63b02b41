/** One request the fake received, decoded; a throttled call changed nothing. */
export interface CallRecord {
  /** The SigV4 signing name: `ec2`, `autoscaling`, `ssm`, `monitoring`, `elasticloadbalancing`, `sns`. */
  readonly service: string;
  readonly action: string;
  /** The request as the SDK command took it (PascalCase members). */
  readonly params: Record<string, unknown>;
  readonly throttled: boolean;
  /** Present (true) when a denied action was answered with the service's access-denied error; it changed nothing. */
  readonly denied?: true;
}

/**
 * Reads never change anything; every other action counts as mutating (Publish included: it notifies people). KMS's
 * GenerateMac and VerifyMac only compute: CloudTrail records them as `"readOnly": true` (AWS KMS Developer Guide,
 * "GenerateMac" CloudTrail example).
 */
export const isMutatingAction = (action: string): boolean => !/^(Describe|Get|List)|^(GenerateMac|VerifyMac)$/.test(action);

export class CallLog {
  private readonly records: CallRecord[] = [];

  record(call: CallRecord): void {
    this.records.push(call);
  }

  get all(): readonly CallRecord[] {
    return this.records;
  }

  /** Attempts included: a throttled attempt to change something is still an attempt. */
  mutating(): CallRecord[] {
    return this.records.filter((call) => isMutatingAction(call.action));
  }

  clear(): void {
    this.records.length = 0;
  }
}
