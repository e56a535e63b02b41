import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { policyEnvironment } from '../../infra/policy-environment';
import { addReaperStack } from '../../infra/reaper-app';
import { loadTargets } from '../../infra/targets';
import { CDK_CONTEXT_NO_BUNDLING } from './cdk-context';

const TARGETS_FILE = path.join(__dirname, '../../infra/targets.json');
const targets = loadTargets(TARGETS_FILE);

/** What `cdk synth -c target=NAME` builds, as infra/app.ts builds it (cdk-nag included), without bundling the code. */
function synthesizeTarget(name?: string) {
  const app = new App({ context: { ...CDK_CONTEXT_NO_BUNDLING, ...(name ? { target: name } : {}) } });
  const stack = addReaperStack(app, TARGETS_FILE);
  const assembly = app.synth();
  return { stack, assembly };
}

describe('every target in infra/targets.json', () => {
  it('there are targets to deploy', () => {
    expect(targets.size).toBeGreaterThan(0);
  });

  it.each([...targets.keys()])('%s: synthesizes its own stack in its account and region, with its props, cdk-nag clean', (name) => {
    const target = targets.get(name);
    const { stack, assembly } = synthesizeTarget(name);

    expect(assembly.stacks.map((artifact) => artifact.stackName)).toEqual([`InstanceReaper-${name}`]);
    expect(assembly.getStackByName(`InstanceReaper-${name}`).environment).toMatchObject({ account: target?.account, region: target?.region });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike(policyEnvironment(target?.props ?? {})) } });
    expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });

  it('with no target, the app synthesizes the one environment-agnostic stack InstanceReaper, with the defaults', () => {
    const { stack, assembly } = synthesizeTarget();

    expect(assembly.stacks.map((artifact) => artifact.stackName)).toEqual(['InstanceReaper']);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike(policyEnvironment({})) } });
  });
});
