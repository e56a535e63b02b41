import type { GroupGates } from '../../lambda/model/fleet';
import { rotationsPerDay, type DayCount } from '../../local/simulation/format-forecast';
import type { ForecastResult } from './forecast-loop';

/** What the header and the JSON say about the forecast besides its result. */
export interface ForecastSetting {
  /** Where the policy came from, e.g. `function X (stack Y)`. */
  readonly policySource: string;
  readonly policy: readonly string[];
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly days: number;
  readonly start: number;
  readonly intervalMs: number;
  readonly intervalSource: string;
  readonly scanned: { readonly groups: number; readonly instances: number };
  readonly gates: ReadonlyMap<string, GroupGates>;
  readonly notes: readonly string[];
}

/** The gates as read, which the forecast holds: named so the operator can tell an optimistic forecast from a blocked one. */
export interface HeldGates {
  readonly alarmsInAlarm: readonly string[];
  readonly unhealthyTargets: Readonly<Record<string, readonly string[]>>;
  readonly instanceRefreshes: readonly string[];
}

export function heldGates(gates: ReadonlyMap<string, GroupGates>): HeldGates {
  const entries = [...gates];
  return {
    alarmsInAlarm: [...new Set(entries.flatMap(([, gate]) => gate.alarmsHolding))],
    unhealthyTargets: Object.fromEntries(entries.filter(([, gate]) => gate.unhealthyTargets.length > 0).map(([group, gate]) => [group, gate.unhealthyTargets])),
    instanceRefreshes: entries.filter(([, gate]) => gate.instanceRefreshActive).map(([group]) => group),
  };
}

/** Rotations per UTC day, from the first run's to the last run's. */
export const perDay = (result: ForecastResult, setting: ForecastSetting): DayCount[] => rotationsPerDay(result.rotations, setting.start, result.lastAt);

const iso = (at: number): string => new Date(at).toISOString();

/** `--json`: the rotations, what is still due at the end, the per-day counts, and the forecast's setting. */
export function forecastJson(result: ForecastResult, setting: ForecastSetting): unknown {
  return {
    policy: { source: setting.policySource, overrides: setting.overrides },
    start: iso(setting.start),
    days: setting.days,
    intervalMinutes: setting.intervalMs / 60_000,
    runs: result.runs,
    heldAsRead: heldGates(setting.gates),
    rotations: result.rotations.map(({ at, ...rotation }) => ({ at: iso(at), ...rotation })),
    stillDue: result.last.deferred.map((entry) => ({ ...entry, ageDays: result.last.details[entry.instanceId]?.ageDays })),
    stillDueAt: iso(result.lastAt),
    unmanaged: result.last.unmanaged,
    perDay: perDay(result, setting).map((count) => ({ date: iso(count.day).slice(0, 10), rotations: count.rotations })),
    errors: result.errors.map(({ firstAt, ...error }) => ({ ...error, firstAt: iso(firstAt) })),
    notes: setting.notes,
  };
}
