import type { AccountState } from './state';

/*
 * Denied actions, as a service control policy or permission boundary would deny them: the call
 * is answered with the service's access-denied error and changes nothing.
 */

export interface DenyOptions {
  /** Deny only calls whose decoded parameters (the SDK command's input) satisfy this. */
  readonly when?: (params: Readonly<Record<string, unknown>>) => boolean;
}

/** IAM's service prefix where it differs from the signing name (CloudWatch signs as `monitoring`; SNS writes its prefix in capitals). */
const IAM_PREFIX: Readonly<Record<string, string>> = { monitoring: 'cloudwatch', sns: 'SNS' };

export const iamAction = (signingName: string, action: string): string => `${IAM_PREFIX[signingName] ?? signingName}:${action}`;

/** The keys a rule may name a call by: `Action`, `signing-name:Action` or `iam-prefix:Action`, lower case. */
export const actionKeys = (signingName: string, action: string): string[] =>
  [action, `${signingName}:${action}`, iamAction(signingName, action)].map((key) => key.toLowerCase());

export class Denials {
  private readonly rules = new Map<string, DenyOptions>();

  /** `SetDesiredCapacity` denies that action in every service; `autoscaling:SetDesiredCapacity` (signing name or IAM prefix) in one. */
  deny(action: string, options: DenyOptions = {}): void {
    this.rules.set(action.toLowerCase(), options);
  }

  allow(action: string): void {
    this.rules.delete(action.toLowerCase());
  }

  denies(signingName: string, action: string, params: Readonly<Record<string, unknown>>): boolean {
    return actionKeys(signingName, action).some((key) => {
      const rule = this.rules.get(key);
      return rule !== undefined && (rule.when?.(params) ?? true);
    });
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The ARN AWS names in the message, where the call names a resource the fake can place. */
export function deniedResource(state: AccountState, params: Readonly<Record<string, unknown>>): string | undefined {
  const { region, accountId } = state;
  const groupName = text(params.AutoScalingGroupName) ?? state.instances[text(params.InstanceId) ?? '']?.group;
  if (groupName) return state.groups[groupName]?.arn ?? `arn:aws:autoscaling:${region}:${accountId}:autoScalingGroup:*:autoScalingGroupName/${groupName}`;
  const loadBalancer = text(params.LoadBalancerName);
  if (loadBalancer) return `arn:aws:elasticloadbalancing:${region}:${accountId}:loadbalancer/${loadBalancer}`;
  const parameter = text(params.Name);
  if (parameter) return `arn:aws:ssm:${region}:${accountId}:parameter/${parameter.replace(/^\//, '')}`;
  const keyId = text(params.KeyId);
  if (keyId) return keyId.startsWith('arn:') ? keyId : `arn:aws:kms:${region}:${accountId}:key/${keyId}`;
  const latticeTargetGroup = text(params.targetGroupIdentifier);
  if (latticeTargetGroup) return latticeTargetGroup.startsWith('arn:') ? latticeTargetGroup : `arn:aws:vpc-lattice:${region}:${accountId}:targetgroup/${latticeTargetGroup}`;
  return text(params.TargetGroupArn) ?? text(params.TopicArn);
}
