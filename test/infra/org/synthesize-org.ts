import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { SynthesisMessageLevel } from 'aws-cdk-lib/cx-api';
import { Template } from 'aws-cdk-lib/assertions';
import { addOrgStacks } from '../../../infra/org/org-app-stacks';
import { loadOrganization, type Organization } from '../../../infra/org/organization-config';
import { CDK_CONTEXT } from '../cdk-context';
import type { SynthesizedTemplate } from '../resolve-template';

export const EXAMPLE_FILE = path.join(__dirname, '../../../infra/organization.json');

export interface SynthesizedOrg {
  readonly organization: Organization;
  readonly central: Template;
  readonly stackSets: Template;
  readonly assetBuckets: ReadonlyMap<string, Template>;
  /** Each deployment's member template, as the StackSet deploys it. */
  readonly members: ReadonlyMap<string, SynthesizedTemplate>;
  /** Error annotations of every stack (cdk-nag's findings among them), as `path: message`. */
  readonly errors: readonly string[];
}

/**
 * The organization app's stacks for the example configuration, synthesized once. A member stack is no cloud assembly
 * artifact (cdk-stacksets writes its template beside them for its parent to upload), so it is read from the file.
 * The function is bundled: cdk-stacksets copies the staged code package into the asset buckets, so it must exist.
 */
export function synthesizeOrg(organization: Organization = loadOrganization(EXAMPLE_FILE)): SynthesizedOrg {
  const app = new App({ context: CDK_CONTEXT });
  const stacks = addOrgStacks(app, organization);
  const assembly = app.synth();
  const members = new Map(
    [...stacks.stackSets.members].map(([name, member]) => [name, JSON.parse(readFileSync(path.join(assembly.directory, member.templateFile), 'utf8')) as SynthesizedTemplate]),
  );
  return {
    organization,
    central: Template.fromStack(stacks.central),
    stackSets: Template.fromStack(stacks.stackSets),
    assetBuckets: new Map(stacks.assetBuckets.map((stack) => [stack.region, Template.fromStack(stack)])),
    members,
    errors: assembly.stacks.flatMap((stack) =>
      stack.messages.filter((message) => message.level === SynthesisMessageLevel.ERROR).map((message) => `${message.id}: ${JSON.stringify(message.entry.data)}`),
    ),
  };
}
