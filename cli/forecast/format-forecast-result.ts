import { formatPerDay } from '../../local/simulation/format-forecast';
import { formatTime } from '../../local/simulation/format-run';
import { formatTable } from '../format-table';
import type { ForecastResult, ForecastRotation } from './forecast-loop';
import { heldGates, perDay, type ForecastSetting } from './forecast-view';

const MINUTE_MS = 60_000;

const every = (ms: number): string => (ms % 3_600_000 === 0 ? `${ms / 3_600_000} hour(s)` : `${ms / MINUTE_MS} minutes`);
const age = (days: number | undefined): string => (days === undefined ? '?' : `${days.toFixed(1)}d`);
const orNone = (items: readonly string[]): string => (items.length > 0 ? items.join(', ') : 'none');

function heldLine(setting: ForecastSetting): string {
  const held = heldGates(setting.gates);
  const targets = Object.entries(held.unhealthyTargets).map(([group, ids]) => `${group} ${ids.length}`);
  return (
    `Held as read now, for the whole forecast: alarms in ALARM: ${orNone(held.alarmsInAlarm)}; unhealthy targets: ${orNone(targets)}; ` +
    `instance refreshes under way: ${orNone(held.instanceRefreshes)}. Replacements come into service by the next run.`
  );
}

function header(result: ForecastResult, setting: ForecastSetting): string {
  const overrides = Object.keys(setting.overrides).length > 0 ? [`Overrides: ${JSON.stringify(setting.overrides)}`] : [];
  return [
    `Forecast with the policy of ${setting.policySource}: ${setting.policy.join('; ')}`,
    ...overrides,
    `${setting.days} day(s) from ${formatTime(setting.start)} UTC: ${result.runs} runs, one every ${every(setting.intervalMs)} (${setting.intervalSource}), ` +
      `on a private copy of the fleet read once (${setting.scanned.groups} groups, ${setting.scanned.instances} instances); nothing in the account is changed.`,
    heldLine(setting),
    ...setting.notes.map((note) => `Note: ${note}`),
  ].join('\n');
}

/**
 * The window's wall clock, e.g. `Tue 24 Nov 03:00 Europe/Berlin`, when the group has a maintenance
 * window; a rotation past lifetime + grace is marked, since windows no longer hold it.
 */
function windowTime(rotation: ForecastRotation): string {
  if (!rotation.timeZone) return '-';
  return `${formatTime(rotation.at, rotation.timeZone)} ${rotation.timeZone}${rotation.pastDeadline ? ' (past deadline)' : ''}`;
}

function rotationTable(rotations: readonly ForecastRotation[]): string {
  if (rotations.length === 0) return 'No instance would be rotated.';
  const zoned = rotations.some((rotation) => rotation.timeZone !== undefined);
  const rows = rotations.map((rotation) => [
    formatTime(rotation.at),
    ...(zoned ? [windowTime(rotation)] : []),
    `${rotation.instanceId}${rotation.launchedInForecast ? ' (new)' : ''}`,
    rotation.group,
    age(rotation.ageDays),
    rotation.reasons.join(','),
  ]);
  const note = rotations.some((rotation) => rotation.launchedInForecast) ? '\n(new): launched during the forecast, then rotated again.' : '';
  return formatTable(['WHEN (UTC)', ...(zoned ? ['WINDOW TIME'] : []), 'INSTANCE', 'GROUP', 'AGE', 'REASONS'], rows) + note;
}

function stillDue(result: ForecastResult): string {
  const { deferred, unmanaged, details } = result.last;
  const title = `Still due at the end (last run ${formatTime(result.lastAt)} UTC)`;
  const table = deferred.length === 0
    ? `${title}: nothing.`
    : `${title}:\n${formatTable(['INSTANCE', 'GROUP', 'AGE', 'REASONS', 'HELD BY'], deferred.map((entry) => [entry.instanceId, entry.group, age(details[entry.instanceId]?.ageDays), entry.reasons.join(','), entry.why]))}`;
  return unmanaged.length === 0 ? table : `${table}\nIn no Auto Scaling group (reported, never touched): ${unmanaged.map((entry) => entry.instanceId).join(', ')}`;
}

function errors(result: ForecastResult): string[] {
  if (result.errors.length === 0) return [];
  const lines = result.errors.map((error) => `  ${error.code} ${[error.group, error.instanceId].filter(Boolean).join(' ') || 'run'}: ${error.message} (from ${formatTime(error.firstAt)}, ${error.runs} run(s))`);
  return ['', 'Errors the runs reported:', ...lines];
}

function summary(result: ForecastResult): string {
  const held = new Map<string, number>();
  for (const entry of result.last.deferred) held.set(entry.why, (held.get(entry.why) ?? 0) + 1);
  const why = held.size > 0 ? ` (${[...held].map(([name, count]) => `${name} ${count}`).join(', ')})` : '';
  return `${result.rotations.length} rotation(s) in ${result.runs} runs; ${result.last.deferred.length} still due at the end${why}; ${result.last.unmanaged.length} unmanaged; errors ${result.errors.length}.`;
}

/** The human form: header, when each instance would be rotated, what is still due at the end and why, rotations per day. */
export function formatForecastResult(result: ForecastResult, setting: ForecastSetting): string {
  return [
    header(result, setting),
    '',
    rotationTable(result.rotations),
    '',
    stillDue(result),
    '',
    'Rotations per day (UTC):',
    ...formatPerDay(perDay(result, setting)),
    ...errors(result),
    '',
    summary(result),
  ].join('\n');
}
