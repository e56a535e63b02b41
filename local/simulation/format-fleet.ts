import type { FleetFigures } from './run-captured';

// The forecast listing lives with what the CLI's `plan --forecast` shares; the simulation imports it from here.
export { formatForecast, type Rotation } from './format-forecast';

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
