import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { addOrgStacks } from './org/org-app-stacks';
import { OrganizationConfigError, loadOrganization } from './org/organization-config';
import { InvalidPropsError } from './validate-props';

/** The organization file: `-c organization=FILE`, else INSTANCE_REAPER_ORGANIZATION, else infra/organization.json. */
function organizationFile(app: App): string {
  const fromContext: unknown = app.node.tryGetContext('organization');
  if (fromContext !== undefined && typeof fromContext !== 'string') {
    throw new OrganizationConfigError(`-c organization=...: expected a path to an organization file, got ${JSON.stringify(fromContext)}`);
  }
  return path.resolve(fromContext ?? process.env.INSTANCE_REAPER_ORGANIZATION ?? path.join(__dirname, 'organization.json'));
}

try {
  const app = new App();
  addOrgStacks(app, loadOrganization(organizationFile(app)));
  app.synth();
} catch (error) {
  // A configuration mistake is the message alone, for a person to fix; anything else keeps its stack trace.
  if (!(error instanceof OrganizationConfigError || error instanceof InvalidPropsError)) throw error;
  console.error(error.message);
  process.exit(1);
}
