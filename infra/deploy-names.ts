import { RegionInfo } from 'aws-cdk-lib/region-info';
import { z } from 'zod';
import { closestName } from './closest-name';
import { expecting } from './json-type';

/**
 * What CloudFormation takes as a stack or StackSet name (CloudFormation API Reference, CreateStack `StackName` and
 * CreateStackSet `StackSetName`: "can contain only alphanumeric characters (case-sensitive) and hyphens. It must start
 * with an alphabetic character and can't be longer than 128 characters").
 */
export const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;
export const STACK_NAME_MAX = 128;

/** Why CloudFormation would refuse `stackName`, which `what` becomes; undefined when it takes it. */
export function stackNameProblem(what: string, stackName: string, kind = 'stack name'): string | undefined {
  const tooLong = stackName.length > STACK_NAME_MAX;
  if (STACK_NAME.test(stackName) && !tooLong) return undefined;
  const length = tooLong ? ` (this one has ${stackName.length})` : '';
  return `${what}: the name becomes the ${kind} ${stackName}, and a CloudFormation ${kind} takes only letters, digits and -, starting with a letter, at most ${STACK_NAME_MAX} characters${length}`;
}

/**
 * The regions of every partition aws-cdk-lib knows (its region-info `RegionInfo.regions`, the list its own region facts
 * come from), each with its partition (`aws`, `aws-cn`, `aws-us-gov`, ...). A region newer than the installed
 * aws-cdk-lib is not in it: upgrading aws-cdk-lib brings it.
 */
const PARTITION_OF: ReadonlyMap<string, string> = new Map(RegionInfo.regions.map((region) => [region.name, region.partition ?? 'aws']));

/** The partition `region` is in; undefined for a region aws-cdk-lib does not know. */
export const partitionOf = (region: string): string | undefined => PARTITION_OF.get(region);

/** The message for a region no partition has: the region meant when one is close (`eu-wset-1`, `EU-WEST-1`). */
function unknownRegion(region: string): string {
  const meant = closestName(region, [...PARTITION_OF.keys()]);
  return meant ? `expected an AWS region (did you mean ${meant}?)` : 'expected an AWS region such as eu-west-1';
}

/** An AWS region of any partition, as a JSON string; a misspelt one is refused with the region meant. */
export const awsRegion = () =>
  z.string(expecting('an AWS region such as eu-west-1')).superRefine((region, context) => {
    if (!PARTITION_OF.has(region)) context.addIssue({ code: z.ZodIssueCode.custom, message: unknownRegion(region) });
  });
