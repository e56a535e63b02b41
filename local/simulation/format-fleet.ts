import type { RunReport } from '../../lambda/model/report';
import type { FleetFigures } from './run-captured';
import { formatTime } from './format-run';

const ROWS: readonly [string, (figures: FleetFigures) => string][] = [
  ['oldest instance', (figures) => `${figures.OldestInstanceAgeDays.toFixed(1)} d`],
  ['past lifetime', (figures) => String(figures.InstancesPastLifetime)],
  ['on a stale AMI', (figures) => String(figures.InstancesOnStaleAmi)],
  ['within policy', (figures) => `${figures.FleetWithinPolicyPercent.toFixed(0)} %`],
];

/** The fleet's freshness, as the function itself measured it on the first and the last run. */
export function formatFleet(before: FleetFigures | undefined, after: FleetFigures | undefined): string[] {
  if (!before || !after) return ['(no freshness figures were published)'];
  return [
    `${'fleet (Auto Scaling groups)'.padEnd(28)}${'before'.padStart(9)}${'after'.padStart(9)}`,
    ...ROWS.map(([label, value]) => `${('  ' + label).padEnd(28)}${value(before).padStart(9)}${value(after).padStart(9)}`),
  ];
}

export interface Rotation {
  readonly at: number;
  readonly instanceId: string;
  readonly group: string;
  readonly reasons: readonly string[];
  readonly ageDays?: number;
}

/** When each instance was rotated, then what is still due at the end and why. */
export function formatForecast(rotations: readonly Rotation[], last: RunReport | undefined): string[] {
  const lines = ['when', ...rotations.map((rotation) => `  ${formatTime(rotation.at).padEnd(18)}${rotation.instanceId} ${rotation.group.padEnd(9)}${rotation.reasons.join(', ')}`)];
  const still = last?.deferred ?? [];
  if (still.length > 0) lines.push('still due at the end', ...still.map((entry) => `  ${entry.instanceId} ${entry.group.padEnd(9)}${entry.reasons.join(', ')}: held, ${entry.why}`));
  return lines;
}
