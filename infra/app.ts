import * as path from 'node:path';
import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ReaperStack } from './reaper-stack';
import { loadTargets, pickTarget } from './targets';

const app = new App();
const targetName = app.node.tryGetContext('target') as string | undefined;
if (targetName) {
  const target = pickTarget(loadTargets(path.join(__dirname, 'targets.json')), targetName);
  new ReaperStack(app, `InstanceReaper-${targetName}`, { env: { account: target.account, region: target.region }, reaper: target.props });
} else {
  // No target: one environment-agnostic stack with the defaults, deployable with whatever credentials are at hand.
  new ReaperStack(app, 'InstanceReaper');
}
Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
app.synth();
