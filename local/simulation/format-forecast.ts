import type { RunReport } from '../../lambda/model/report';
import { formatDay, formatTime } from './format-run';

const DAY_MS = 86_400_000;

/** One instance rotated by a run: the simulation's timeline and the CLI's `plan --forecast` both list these. */
export interface Rotation {
  readonly at: number;
  readonly instanceId: string;
  readonly group: string;
  readonly reasons: readonly string[];
  readonly ageDays?: number;
}

export interface DayCount {
  /** Midnight UTC that starts the day. */
  readonly day: number;
  readonly rotations: number;
}

/** Rotations per UTC day from `from` to `to`, days without any included: a quiet day is worth seeing. */
export function rotationsPerDay(rotations: readonly Rotation[], from: number, to: number): DayCount[] {
  const counts = new Map<number, number>();
  const first = Math.floor(from / DAY_MS) * DAY_MS;
  for (let day = first; day <= to; day += DAY_MS) counts.set(day, 0);
  for (const rotation of rotations) {
    const day = Math.floor(rotation.at / DAY_MS) * DAY_MS;
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return [...counts].map(([day, count]) => ({ day, rotations: count }));
}

/** `  Mon 23 Nov   4` lines. */
export const formatPerDay = (counts: readonly DayCount[]): string[] =>
  counts.map((count) => `  ${formatDay(count.day)}  ${String(count.rotations).padStart(3)}`);

/**
 * When each instance was rotated (in a dry run: when a run first chose it), then what is still due at the end and
 * why, then rotations per day (from the first to the last rotation unless told).
 */
export function formatForecast(rotations: readonly Rotation[], last: RunReport | undefined, from = rotations[0]?.at ?? 0, to = rotations.at(-1)?.at ?? -1): string[] {
  const dryRun = last?.dryRun === true;
  const heading = dryRun ? 'when a run first chose it (dry run: nothing was rotated)' : 'when';
  const lines = [heading, ...rotations.map((rotation) => `  ${formatTime(rotation.at).padEnd(18)}${rotation.instanceId} ${rotation.group.padEnd(9)}${rotation.reasons.join(', ')}`)];
  const still = last?.deferred ?? [];
  if (still.length > 0) lines.push('still due at the end', ...still.map((entry) => `  ${entry.instanceId} ${entry.group.padEnd(9)}${entry.reasons.join(', ')}: held, ${entry.why}`));
  return [...lines, dryRun ? 'would rotate per day (UTC)' : 'per day (UTC)', ...formatPerDay(rotationsPerDay(rotations, from, to))];
}
