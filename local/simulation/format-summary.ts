import { formatFleet } from './format-fleet';
import { formatForecast } from './format-forecast';
import { fleetFigures, type CapturedRun } from './run-captured';
import type { Timeline } from './timeline';

/**
 * The end of the simulation: the fleet's freshness on the first and the last run, then the totals, counted from
 * what the timeline listed so they add up to the lines above them, then the forecast or a hint.
 */
export function formatSummary(runs: readonly CapturedRun[], timeline: Timeline, options: { readonly dryRun: boolean; readonly forecast: boolean }): string[] {
  const first = runs[0];
  const last = runs.at(-1);
  const listed = timeline.listedTerminations;
  const outcome = options.dryRun
    ? `dry run: nothing changed; ${listed} instance(s) would rotate (each listed once, when a run first chose it)`
    : `${listed} instance(s) rotated`;
  return [
    ...timeline.end(),
    '',
    ...formatFleet(first && fleetFigures(first), last && fleetFigures(last)),
    '',
    `${runs.length} runs, ${outcome}, ${last?.report?.unmanaged.length ?? 0} unmanaged reported (never touched).`,
    ...(options.forecast
      ? formatForecast(timeline.rotations, last?.report)
      : [`Add --forecast for when each instance ${options.dryRun ? 'would rotate' : 'was rotated'}, --help for the policy flags.`]),
  ];
}
