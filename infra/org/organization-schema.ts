import { z } from 'zod';
import { awsRegion } from '../deploy-names';
import { expecting } from '../json-type';

/**
 * ID formats, as the Organizations API Reference gives them: an organization `o-` and 10 to 32 lowercase letters or
 * digits; a root `r-` and 4 to 32; an OU `ou-`, 4 to 32 (its root's), `-`, then 8 to 32.
 */
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
export const ROOT_ID = /^r-[a-z0-9]{4,32}$/;
export const OU_ID = /^ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/;

const ACCOUNT = /^\d{12}$/;
/**
 * Becomes the StackSet's name (`instance-reaper-NAME`) and part of construct IDs. Narrower than what CloudFormation
 * takes for a StackSet name (letters, digits and -, starting with a letter, at most 128: `STACK_NAME` in
 * ../deploy-names), so every name it takes is one CloudFormation takes.
 */
const DEPLOYMENT_NAME = /^[a-z][a-z0-9-]{0,39}$/;
const DEPLOYMENT_NAME_EXPECTED = 'expected 1 to 40 lowercase letters, digits and -, starting with a letter (the name becomes the StackSet instance-reaper-NAME)';
/** S3 bucket names are 3 to 63 lowercase letters, digits, `-` and `.`; the region is appended. */
const BUCKET_PREFIX = /^[a-z0-9][a-z0-9-]{1,38}$/;

/** The safe operation defaults: stop at the first failed account, a quarter of the accounts at a time, one region after another. */
export const OPERATION_DEFAULTS = { failureTolerancePercentage: 0, maxConcurrentPercentage: 25, regionConcurrency: 'SEQUENTIAL' } as const;

/** The central view's defaults: summaries kept three months; an account silent for two hours has stopped reporting. */
export const CENTRAL_DEFAULTS = { logRetentionDays: 90, silentAfterMinutes: 120 } as const;

const account = () => z.string(expecting('a 12-digit account ID')).regex(ACCOUNT, 'expected a 12-digit account ID');
const region = awsRegion;
const percent = (what: string) => z.number(expecting(`a whole percentage, ${what}`)).int(`expected a whole percentage, ${what}`);

export const centralSchema = z
  .object(
    {
      account: account(),
      region: region(),
      logRetentionDays: z.number(expecting('a number of days (1, 3, 5, 7, 14, 30, 60, 90, ...)')).optional(),
      silentAfterMinutes: z
        .number(expecting('a whole number of minutes, longer than the slowest schedule'))
        .int('expected a whole number of minutes')
        .min(15, 'expected at least 15 minutes (the default schedule runs every 15)')
        .max(1440, 'expected at most 1440 minutes (a CloudWatch alarm looks back one day at most)')
        .optional(),
      notificationEmail: z.string(expecting('an email address')).regex(/^[^@\s]+@[^@\s]+$/, 'expected an email address').optional(),
    },
    expecting('an object with account and region'),
  )
  .strict();

export const stackSetsSchema = z
  .object(
    {
      account: account(),
      region: region(),
      callAs: z.enum(['SELF', 'DELEGATED_ADMIN'], expecting('"SELF" (the management account) or "DELEGATED_ADMIN" (a delegated administrator account)')),
      assetBucketPrefix: z
        .string(expecting('a bucket name prefix: 2 to 39 lowercase letters, digits and -'))
        .regex(BUCKET_PREFIX, 'expected a bucket name prefix: 2 to 39 lowercase letters, digits and -, starting with a letter or digit')
        .optional(),
      failureTolerancePercentage: percent('0 to 100').min(0, 'expected 0 to 100').max(100, 'expected 0 to 100').optional(),
      maxConcurrentPercentage: percent('1 to 100').min(1, 'expected 1 to 100').max(100, 'expected 1 to 100').optional(),
      regionConcurrency: z.enum(['SEQUENTIAL', 'PARALLEL'], expecting('"SEQUENTIAL" or "PARALLEL"')).optional(),
    },
    expecting('an object with account, region and callAs'),
  )
  .strict();

export const deploymentSchema = z
  .object(
    {
      name: z.string(expecting('a name of lowercase letters, digits and -')).regex(DEPLOYMENT_NAME, DEPLOYMENT_NAME_EXPECTED),
      organizationalUnits: z
        .array(z.string(expecting('an OU ID such as "ou-ab12-cd34ef56" or the root "r-ab12"')), expecting('an array of OU IDs'))
        .min(1, 'expected at least one OU ID'),
      regions: z.array(region(), expecting('an array of AWS regions')).min(1, 'expected at least one region'),
      overrides: z.record(z.unknown(), expecting('an object of InstanceReaper props')).optional(),
    },
    expecting('an object with name, organizationalUnits, regions and overrides'),
  )
  .strict();

export const organizationSchema = z
  .object(
    {
      organizationId: z.string(expecting('an organization ID such as "o-a1b2c3d4e5"')).regex(ORGANIZATION_ID, 'expected an organization ID such as "o-a1b2c3d4e5"'),
      central: centralSchema,
      stackSets: stackSetsSchema,
      policy: z.record(z.unknown(), expecting('an object of InstanceReaper props')).optional(),
      deployments: z.array(deploymentSchema, expecting('an array of deployments')).min(1, 'expected at least one deployment'),
    },
    expecting('an object with organizationId, central, stackSets, policy and deployments'),
  )
  .strict();

/** The keys each level takes, for "did you mean". */
export const KEYS_AT: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(organizationSchema.shape),
  central: Object.keys(centralSchema.shape),
  stackSets: Object.keys(stackSetsSchema.shape),
  deployment: Object.keys(deploymentSchema.shape),
};

export type OrganizationFile = z.infer<typeof organizationSchema>;
export type DeploymentEntry = z.infer<typeof deploymentSchema>;
