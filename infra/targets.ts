import { readFileSync } from 'node:fs';
import type { InstanceReaperProps } from './props';

export interface DeployTarget {
  readonly account: string;
  readonly region: string;
  readonly props: InstanceReaperProps;
}

/** Reads and checks the targets file: name -> { account, region, props }. Keys starting with `_` are comments. */
export function loadTargets(file: string): Map<string, DeployTarget> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const targets = new Map<string, DeployTarget>();
  for (const [name, value] of Object.entries(raw)) {
    if (name.startsWith('_')) continue;
    const entry = (value ?? {}) as Partial<DeployTarget>;
    if (typeof entry.account !== 'string' || !/^\d{12}$/.test(entry.account)) throw new Error(`${file}: target ${name}: account must be a 12-digit account ID`);
    if (typeof entry.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(entry.region)) throw new Error(`${file}: target ${name}: region must be an AWS region such as eu-west-1`);
    if (entry.props !== undefined && (typeof entry.props !== 'object' || entry.props === null)) throw new Error(`${file}: target ${name}: props must be an object`);
    targets.set(name, { account: entry.account, region: entry.region, props: entry.props ?? {} });
  }
  return targets;
}

export function pickTarget(targets: ReadonlyMap<string, DeployTarget>, name: string): DeployTarget {
  const target = targets.get(name);
  if (!target) throw new Error(`Unknown target "${name}". Known targets: ${[...targets.keys()].join(', ')}`);
  return target;
}
