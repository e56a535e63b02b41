import { EMERGENCY_REASONS } from '../../lambda/model/reasons';
import type { InstanceDetail, TerminatedEntry } from '../../lambda/model/report';
import { TAG } from '../../lambda/policy/tag-keys';
import { isInsideWindows, parseWindows } from '../../lambda/policy/windows';

/** A group's maintenance window and grace as the function reads them: the group's tags over the configured defaults. */
export interface GroupWindow {
  /** Window expression; undefined = always open. */
  readonly window?: string;
  readonly graceDays: number;
}

/** The configured defaults a group's tags override. */
export interface WindowDefaults {
  readonly window?: string;
  readonly graceDays: number;
}

/** `28`, `26.5`: days as a person writes them. */
export const formatDays = (days: number): string => (Number.isInteger(days) ? String(days) : days.toFixed(1));

/** A group's window and grace from its tags (`undefined` when the group is gone: the defaults). A malformed grace tag leaves the default. */
export function groupWindow(tags: Readonly<Record<string, string>> | undefined, defaults: WindowDefaults): GroupWindow {
  const graceTag = tags?.[TAG.graceDays]?.trim();
  const graceDays = graceTag !== undefined && /^\d+(\.\d+)?$/.test(graceTag) ? Number(graceTag) : defaults.graceDays;
  const window = tags?.[TAG.window] ?? defaults.window;
  return window === undefined ? { graceDays } : { window, graceDays };
}

/**
 * Why a termination at `at` went ahead outside its group's maintenance window: an emergency reason, or else the
 * instance was past its deadline (lifetime + grace; the report's ages are rounded, so the function's decision is
 * taken as the word on that). Undefined inside the window or when the group has none.
 */
export function windowNote(entry: TerminatedEntry, detail: InstanceDetail | undefined, group: GroupWindow, at: number): string | undefined {
  if (group.window === undefined) return undefined;
  const windows = parseWindows(group.window);
  if ('error' in windows || isInsideWindows(windows, at)) return undefined;
  const outside = `outside its window (${group.window})`;
  const emergency = entry.reasons.filter((reason) => EMERGENCY_REASONS.has(reason));
  if (emergency.length > 0) return `${outside}: ${emergency.join(', ')} is an emergency, windows do not hold it`;
  const lifetime = detail === undefined ? 'lifetime' : `lifetime ${formatDays(detail.lifetimeDays)} d`;
  return `${outside}: past its deadline, ${lifetime} + grace ${formatDays(group.graceDays)} d`;
}
