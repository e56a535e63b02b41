import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { z } from 'zod';
import { closestName } from './closest-name';
import { stackNameProblem } from './deploy-names';
import { shown } from './json-type';
import { parseStrictJson } from './strict-json';
import type { InstanceReaperProps } from './props';
import { JSON_NAME_OF_PROP, JSON_PROP_NAMES, jsonPropExpects, targetPropsSchema, targetSchema } from './target-schema';
import { propsProblems } from './validate-props';

export interface DeployTarget {
  readonly account: string;
  readonly region: string;
  readonly props: InstanceReaperProps;
}

/** The targets file is wrong, or names no such target: the message says where and what, for a person to read. */
export class TargetsError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = 'TargetsError';
  }
}

/** The file refused for every one of its problems, each on its own line. */
const refused = (shownName: string, problems: readonly string[]) =>
  new TargetsError(`${shownName}: ${problems.length} problem(s), nothing synthesized:\n${problems.map((line) => `  - ${line}`).join('\n')}`, problems);

interface PropLine {
  readonly prop: string;
  readonly line: string;
}

const propLine = (target: string, prop: string, message: string) => `prop ${prop} of target ${target}: ${message}`;

function unknownPropLine(target: string, prop: string): string {
  const meant = closestName(prop, JSON_PROP_NAMES);
  const expects = meant === undefined ? undefined : jsonPropExpects(meant);
  const hint = meant ? `did you mean ${meant}${expects ? `, which takes ${expects}` : ''}?` : `the props are ${JSON_PROP_NAMES.join(', ')}`;
  return propLine(target, prop, `unknown prop; ${hint}`);
}

/** The type problems of a target's props, and the names of the props they are about. */
function propsTypeProblems(target: string, raw: Record<string, unknown>, issues: readonly z.ZodIssue[]): { lines: PropLine[]; bad: Set<string> } {
  const lines: PropLine[] = [];
  const bad = new Set<string>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      issue.keys.forEach((key) => bad.add(key));
      lines.push(...issue.keys.map((key) => ({ prop: key, line: unknownPropLine(target, key) })));
      continue;
    }
    const prop = String(issue.path[0]);
    if (bad.has(prop)) continue;
    bad.add(prop);
    lines.push({ prop, line: propLine(target, prop, `${issue.message}, got ${shown(raw[prop])}`) });
  }
  return { lines, bad };
}

/**
 * Every problem with one target's props: unknown props and wrong types, then, for the props of the right type, what
 * the construct would refuse (the policy as the function's own schema judges it), so one synth names them all.
 */
function targetPropsProblems(target: string, raw: Record<string, unknown>): { props: InstanceReaperProps; lines: string[] } {
  const parsed = targetPropsSchema.safeParse(raw);
  const typeProblems = parsed.success ? { lines: [] as PropLine[], bad: new Set<string>() } : propsTypeProblems(target, raw, parsed.error.issues);
  const wellTyped = Object.fromEntries(Object.entries(raw).filter(([prop]) => !typeProblems.bad.has(prop)));
  const props = parsed.success ? parsed.data : (targetPropsSchema.safeParse(wellTyped).data ?? {});
  const valueProblems = propsProblems(props).map(({ prop, message }) => ({ prop: JSON_NAME_OF_PROP[prop] ?? prop, line: propLine(target, JSON_NAME_OF_PROP[prop] ?? prop, message) }));
  // In the order the file has them, so a reader goes down the target once.
  const order = Object.keys(raw);
  const lines = [...typeProblems.lines, ...valueProblems].sort((a, b) => order.indexOf(a.prop) - order.indexOf(b.prop));
  return { props, lines: lines.map(({ line }) => line) };
}

function parseTarget(target: string, entry: unknown): { value?: DeployTarget; lines: string[] } {
  const parsed = targetSchema.safeParse(entry);
  const lines = parsed.success
    ? []
    : parsed.error.issues.map((issue) =>
        issue.code === 'unrecognized_keys'
          ? `target ${target}: unknown field ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}: a target has account, region and props (the reaper's settings go under props)`
          : `target ${target}${issue.path.length > 0 ? `, ${issue.path.join('.')}` : ''}: ${issue.message}, got ${shown(issue.path.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], entry))}`,
      );
  const rawProps = (entry as { props?: unknown } | null)?.props;
  const checked = typeof rawProps === 'object' && rawProps !== null && !Array.isArray(rawProps) ? targetPropsProblems(target, rawProps as Record<string, unknown>) : undefined;
  lines.push(...(checked?.lines ?? []));
  if (!parsed.success || lines.length > 0) return { lines };
  return { value: { account: parsed.data.account, region: parsed.data.region, props: checked?.props ?? {} }, lines };
}

/**
 * Two targets on one account and region: two reapers on the same groups, each rotating on its own schedule and budget,
 * and the second stack's named resources clash with the first's.
 */
function sharedPlaceProblems(targets: ReadonlyMap<string, DeployTarget>): string[] {
  const byPlace = new Map<string, string[]>();
  for (const [name, { account, region }] of targets) byPlace.set(`${account} in ${region}`, [...(byPlace.get(`${account} in ${region}`) ?? []), name]);
  return [...byPlace]
    .filter(([, names]) => names.length > 1)
    .map(([place, names]) => `targets ${names.join(' and ')} ${names.length > 2 ? 'all' : 'both'} deploy to account ${place}: two reapers would act on the same groups; keep one target per account and region`);
}

function readJson(file: string, shownName: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TargetsError(`${shownName}: cannot read the targets file: ${(error as Error).message}`);
  }
  const parsed = parseStrictJson(text);
  if ('problems' in parsed) {
    throw refused(shownName, parsed.problems);
  }
  return parsed.value;
}

/**
 * Reads and checks the targets file: name -> { account, region, props }. Keys starting with `_` are comments. Every
 * problem in every target is named in one error, each with its target and prop and what it takes.
 */
export function loadTargets(file: string): Map<string, DeployTarget> {
  const relative = path.relative(process.cwd(), file);
  const shownName = relative && !relative.startsWith('..') ? relative : file;
  const raw = readJson(file, shownName);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TargetsError(`${shownName}: expected an object of targets, { "NAME": { "account": ..., "region": ..., "props": { ... } } }`);
  }
  const targets = new Map<string, DeployTarget>();
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(raw)) {
    if (name.startsWith('_')) continue;
    const nameProblem = stackNameProblem(`target ${JSON.stringify(name)}`, targetStackName(name));
    const { value, lines } = parseTarget(name, entry);
    problems.push(...(nameProblem ? [nameProblem] : []), ...lines);
    if (value) targets.set(name, value);
  }
  problems.push(...sharedPlaceProblems(targets));
  if (problems.length > 0) {
    throw refused(shownName, problems);
  }
  return targets;
}

/** The stack a target deploys: InstanceReaper-NAME, in the target's account and region. */
export const targetStackName = (name: string): string => `InstanceReaper-${name}`;

export function pickTarget(targets: ReadonlyMap<string, DeployTarget>, name: string): DeployTarget {
  const target = targets.get(name);
  if (!target) throw new TargetsError(`Unknown target "${name}". Known targets: ${[...targets.keys()].join(', ')}`);
  return target;
}
