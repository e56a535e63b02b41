import * as path from 'node:path';
import { Aspects, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ReaperStack } from './reaper-stack';
import { TargetsError, loadTargets, pickTarget, targetStackName } from './targets';

/** A context value given with `-c KEY=VALUE`. */
function contextText(app: App, key: string, expected: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || typeof value === 'string') return value;
  throw new TargetsError(`-c ${key}=...: expected ${expected}, got ${JSON.stringify(value)}`);
}

/**
 * The app's stack: the target named by the `target` context value (stack InstanceReaper-NAME in its account and
 * region), or, with none, one environment-agnostic stack with the defaults. The targets file is checked either way, so
 * a mistake in any target fails every synth. `-c targets=FILE` reads another targets file. cdk-nag's AwsSolutions
 * rules run on whatever is synthesized.
 */
export function addReaperStack(app: App, defaultTargetsFile: string): ReaperStack {
  const targetsFile = contextText(app, 'targets', 'a path to a targets file') ?? defaultTargetsFile;
  const targets = loadTargets(path.resolve(targetsFile));
  const targetName = contextText(app, 'target', 'a target name');
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  if (!targetName) return new ReaperStack(app, 'InstanceReaper');
  const target = pickTarget(targets, targetName);
  return new ReaperStack(app, targetStackName(targetName), { env: { account: target.account, region: target.region }, reaper: target.props });
}
