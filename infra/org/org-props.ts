import type { z } from 'zod';
import { closestName } from '../closest-name';
import { shown } from '../json-type';
import type { InstanceReaperProps } from '../props';
import { JSON_NAME_OF_PROP, JSON_PROP_NAMES, jsonPropExpects, targetPropsSchema } from '../target-schema';
import { propsProblems } from '../validate-props';

/** Props the organization deployment sets itself: a member's reaper always reports to the central bus. */
const SET_BY_ORGANIZATION: Readonly<Record<string, string>> = {
  centralEventBusArn: 'set by the organization deployment to the central bus of central.account and central.region; leave it out',
};

const PROP_NAMES = JSON_PROP_NAMES.filter((prop) => !(prop in SET_BY_ORGANIZATION));

export interface CheckedProps {
  readonly props: InstanceReaperProps;
  /** Each problem with the JSON prop it is about. */
  readonly problems: readonly { readonly prop: string; readonly message: string }[];
}

function unknownPropMessage(prop: string): string {
  const meant = closestName(prop, PROP_NAMES);
  const expects = meant === undefined ? undefined : jsonPropExpects(meant);
  return `unknown prop; ${meant ? `did you mean ${meant}${expects ? `, which takes ${expects}` : ''}?` : `the props are ${PROP_NAMES.join(', ')}`}`;
}

function typeProblems(raw: Record<string, unknown>, issues: readonly z.ZodIssue[]): { prop: string; message: string }[] {
  const problems: { prop: string; message: string }[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') problems.push(...issue.keys.map((prop) => ({ prop, message: unknownPropMessage(prop) })));
    else problems.push({ prop: String(issue.path[0]), message: `${issue.message}, got ${shown(raw[String(issue.path[0])])}` });
  }
  return problems;
}

/**
 * The JSON props of the base policy or of a deployment's overrides, as the construct's props: props the organization
 * sets, unknown props and wrong types are problems; the well-typed rest is kept, so values can be judged next.
 */
export function parseJsonProps(raw: Record<string, unknown>): CheckedProps {
  const problems = Object.keys(raw)
    .filter((prop) => prop in SET_BY_ORGANIZATION)
    .map((prop) => ({ prop, message: SET_BY_ORGANIZATION[prop]! }));
  const allowed = Object.fromEntries(Object.entries(raw).filter(([prop]) => !(prop in SET_BY_ORGANIZATION)));
  const parsed = targetPropsSchema.safeParse(allowed);
  if (parsed.success) return { props: parsed.data, problems };
  problems.push(...typeProblems(allowed, parsed.error.issues));
  const bad = new Set(problems.map(({ prop }) => prop));
  const wellTyped = Object.fromEntries(Object.entries(allowed).filter(([prop]) => !bad.has(prop)));
  return { props: targetPropsSchema.safeParse(wellTyped).data ?? {}, problems };
}

/** What the construct would refuse in these props (the policy as the function's own schema judges it), by JSON prop name. */
export function valueProblems(props: InstanceReaperProps): { prop: string; message: string }[] {
  return propsProblems(props).map(({ prop, message }) => ({ prop: JSON_NAME_OF_PROP[prop] ?? prop, message }));
}
