import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { z } from 'zod';
import { closestName } from '../closest-name';
import { partitionOf } from '../deploy-names';
import { RETENTION_DAYS } from '../infrastructure-checks';
import { shown } from '../json-type';
import { parseStrictJson } from '../strict-json';
import type { InstanceReaperProps } from '../props';
import { deploymentProblems } from './deployment-checks';
import { parseJsonProps, valueProblems } from './org-props';
import { CENTRAL_DEFAULTS, KEYS_AT, OPERATION_DEFAULTS, organizationSchema, type OrganizationFile } from './organization-schema';

export interface OrgDeployment {
  readonly name: string;
  readonly organizationalUnits: readonly string[];
  readonly regions: readonly string[];
  /** The base policy with this deployment's overrides over it; the central bus is added by the member stack. */
  readonly props: InstanceReaperProps;
}

export interface Organization {
  readonly organizationId: string;
  readonly central: {
    readonly account: string;
    readonly region: string;
    readonly logRetentionDays: number;
    readonly silentAfterMinutes: number;
    /** Subscribed to the central topic, which the silence alarm notifies. */
    readonly notificationEmail?: string;
  };
  readonly stackSets: {
    readonly account: string;
    readonly region: string;
    readonly callAs: 'SELF' | 'DELEGATED_ADMIN';
    readonly assetBucketPrefix: string;
    readonly failureTolerancePercentage: number;
    readonly maxConcurrentPercentage: number;
    readonly regionConcurrency: 'SEQUENTIAL' | 'PARALLEL';
  };
  readonly deployments: readonly OrgDeployment[];
}

/** The organization file is wrong: the message names every problem, where it is and what is expected, for a person to fix. */
export class OrganizationConfigError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = 'OrganizationConfigError';
  }
}

/** The file refused for every one of its problems, each on its own line. */
const refused = (shownName: string, problems: readonly string[]) =>
  new OrganizationConfigError(`${shownName}: ${problems.length} problem(s), nothing synthesized:\n${problems.map((line) => `  - ${line}`).join('\n')}`, problems);

/** A path as a person finds it in the file: `deployment sandbox, overrides` rather than `deployments.0.overrides`. */
function where(issuePath: readonly (string | number)[], raw: unknown): string {
  if (issuePath[0] !== 'deployments' || typeof issuePath[1] !== 'number') return issuePath.join('.');
  const name = (raw as { deployments?: { name?: unknown }[] }).deployments?.[issuePath[1]]?.name;
  const head = typeof name === 'string' ? `deployment ${name}` : `deployments[${issuePath[1]}]`;
  return [head, issuePath.slice(2).join('.')].filter(Boolean).join(', ');
}

function structureLine(issue: z.ZodIssue, raw: unknown): string {
  const level = issue.path[0] === 'deployments' ? 'deployment' : String(issue.path[0] ?? '');
  if (issue.code === 'unrecognized_keys') {
    const known = KEYS_AT[level] ?? [];
    return issue.keys
      .map((key) => {
        const meant = closestName(key, known);
        return `${where(issue.path, raw) || 'top level'}: unknown field ${JSON.stringify(key)}; ${meant ? `did you mean ${meant}?` : `the fields are ${known.join(', ')}`}`;
      })
      .join('\n');
  }
  const value = issue.path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], raw);
  return `${where(issue.path, raw) || 'top level'}: ${issue.message}${value === undefined ? '' : `, got ${shown(value)}`}`;
}

/** The base policy's problems, and each deployment's overrides' problems, each named by where it is. */
function policyLines(file: OrganizationFile): { base: InstanceReaperProps; lines: string[]; deployments: OrgDeployment[] } {
  const base = parseJsonProps(file.policy ?? {});
  const baseValues = valueProblems(base.props);
  const lines = [...base.problems, ...baseValues].map(({ prop, message }) => `policy.${prop}: ${message}`);
  const baseBad = new Set(baseValues.map(({ prop }) => prop));
  const deployments = file.deployments.map((entry) => {
    const overrides = parseJsonProps(entry.overrides ?? {});
    const props = { ...base.props, ...overrides.props };
    const overridden = new Set(Object.keys(entry.overrides ?? {}));
    lines.push(...overrides.problems.map(({ prop, message }) => `deployment ${entry.name}, overrides.${prop}: ${message}`));
    for (const { prop, message } of valueProblems(props)) {
      if (overridden.has(prop)) lines.push(`deployment ${entry.name}, overrides.${prop}: ${message}`);
      else if (!baseBad.has(prop)) lines.push(`deployment ${entry.name}: policy.${prop} with this deployment's overrides: ${message}`);
    }
    return { name: entry.name, organizationalUnits: entry.organizationalUnits, regions: entry.regions, props };
  });
  return { base: base.props, lines, deployments };
}

/**
 * Regions of another partition than the StackSets' region. An organization and its accounts live in one partition,
 * and a StackSet's administrator account must have every region of its stack instances enabled (CloudFormation User
 * Guide, "Prepare to perform StackSet operations in AWS Regions that are disabled by default"), which an account of
 * another partition cannot.
 */
function partitionLines(file: OrganizationFile): string[] {
  const home = file.stackSets.region;
  const homePartition = partitionOf(home);
  const line = (where: string, region: string) =>
    partitionOf(region) === homePartition ? [] : [`${where}: ${region} is in partition ${partitionOf(region)}, the StackSets' region ${home} in ${homePartition}: every region of the organization deployment is in one partition`];
  return [...line('central.region', file.central.region), ...file.deployments.flatMap((deployment) => deployment.regions.flatMap((region) => line(`deployment ${deployment.name}, regions`, region)))];
}

function resolved(file: OrganizationFile, deployments: OrgDeployment[]): Organization {
  const { central, stackSets } = file;
  return {
    organizationId: file.organizationId,
    central: { ...CENTRAL_DEFAULTS, ...central },
    stackSets: { ...OPERATION_DEFAULTS, assetBucketPrefix: `instance-reaper-assets-${stackSets.account}`, ...stackSets },
    deployments,
  };
}

/** Parses and checks an organization file's content; `shownName` names it in the message. */
export function parseOrganization(raw: unknown, shownName: string): Organization {
  const parsed = organizationSchema.safeParse(raw);
  const fail = (problems: string[]): never => {
    throw refused(shownName, problems);
  };
  if (!parsed.success) return fail(parsed.error.issues.flatMap((issue) => structureLine(issue, raw).split('\n')));
  const { lines, deployments } = policyLines(parsed.data);
  const retention = parsed.data.central.logRetentionDays;
  if (retention !== undefined && !RETENTION_DAYS.includes(retention)) {
    lines.push(`central.logRetentionDays: expected one of CloudWatch Logs' retention periods in days (${RETENTION_DAYS.join(', ')}), got ${retention}`);
  }
  const problems = [...deploymentProblems(parsed.data.deployments), ...partitionLines(parsed.data), ...lines];
  if (problems.length > 0) return fail(problems);
  return resolved(parsed.data, deployments);
}

/** Reads and checks the organization file (keys starting with `_` are comments); every problem is named in one error. */
export function loadOrganization(file: string): Organization {
  const relative = path.relative(process.cwd(), file);
  const shownName = relative && !relative.startsWith('..') ? relative : file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new OrganizationConfigError(`${shownName}: cannot read the organization file: ${(error as Error).message}`);
  }
  const parsed = parseStrictJson(text);
  if ('problems' in parsed) throw refused(shownName, parsed.problems);
  const raw = parsed.value;
  const withoutComments = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('_'))) : raw;
  return parseOrganization(withoutComments, shownName);
}
