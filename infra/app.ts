import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { addReaperStack } from './reaper-app';
import { TargetsError } from './targets';
import { InvalidPropsError } from './validate-props';

try {
  const app = new App();
  addReaperStack(app, path.join(__dirname, 'targets.json'));
  app.synth();
} catch (error) {
  // A configuration mistake is the message alone, for a person to fix; anything else keeps its stack trace.
  if (!(error instanceof TargetsError || error instanceof InvalidPropsError)) throw error;
  console.error(error.message);
  process.exit(1);
}
