import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { InstanceReaperProps } from '../../infra/props';
import { ReaperStack } from '../../infra/reaper-stack';
import { CDK_CONTEXT_NO_BUNDLING } from './cdk-context';
import { only, rolePolicies, type PolicyDocument, type SynthesizedTemplate } from './resolve-template';

export interface Synthesized {
  readonly template: SynthesizedTemplate;
  /** The function role's identity policies, resolved to concrete ARNs. */
  readonly rolePolicies: { name: string; policy: PolicyDocument }[];
}

/** The reaper's stack as CloudFormation receives it, with the app's feature flags. No bundling: policies do not depend on the code package, and synthesis takes a second. */
export function synthesize(props?: InstanceReaperProps): Synthesized {
  const stack = new ReaperStack(new App({ context: CDK_CONTEXT_NO_BUNDLING }), 'Reaper', { reaper: props });
  const template = Template.fromStack(stack).toJSON() as SynthesizedTemplate;
  return { template, rolePolicies: rolePolicies(template, only(template, 'AWS::IAM::Role').id) };
}
