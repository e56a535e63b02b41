import { parseBudget } from './parse-budget';
import type { GroupSnapshot } from '../model/fleet';
import type { Budget, RunPolicy } from '../model/run-policy';
import { isMalformedBooleanTag, isTrueTag, TAG } from './tag-keys';
import { parseWindows, type LocalClocks, type MaintenanceWindow } from './windows';

/** A group's effective settings: its tags over the run's policy. */
export interface GroupSettings {
  readonly exempt: boolean;
  readonly maxAgeDays: number;
  readonly rotateBefore?: number;
  readonly windows?: readonly MaintenanceWindow[];
  readonly graceDays: number;
  readonly budget: Budget;
  readonly surge: boolean;
  readonly alarmNames: readonly string[];
  /**
   * How long, in minutes, the instances the group launched last must have served before its next termination (or a
   * surge's completion); undefined when there is no bake time (0).
   */
  readonly bakeMinutes?: number;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** A number >= 0 (days, minutes): `abc`, `-5` or `30m` do not parse. */
function parseDays(value: string): number | undefined {
  const trimmed = value.trim();
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** An ISO-8601 time; without a zone it is read as UTC, so the answer never depends on the host. */
function parseRotateBefore(value: string, now: number): number | string {
  const trimmed = value.trim();
  if (!ISO_TIME.test(trimmed)) return 'expected an ISO-8601 time such as 2026-11-24T12:00:00Z';
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) || trimmed.length === 10;
  const time = Date.parse(hasZone ? trimmed : `${trimmed}Z`);
  if (Number.isNaN(time)) return 'not a valid time';
  if (time > now) return 'is in the future';
  return time;
}

/**
 * The group's bake time: its tag, then the configured default, then the group's own DefaultInstanceWarmup (the time AWS
 * itself gives a new instance before counting it), else none. A tag or configured 0 is a choice: it wins over the warmup.
 */
function bakeMinutesOf(tagBake: number | undefined, policy: RunPolicy, group: GroupSnapshot): number {
  const warmupMinutes = group.defaultInstanceWarmup === undefined ? undefined : group.defaultInstanceWarmup / 60;
  return tagBake ?? policy.defaultBakeMinutes ?? warmupMinutes ?? 0;
}

/** Reads a group's tags; the first malformed value makes the whole group's settings an error. */
export function resolveGroupSettings(group: GroupSnapshot, policy: RunPolicy, now: number, clocks?: LocalClocks): GroupSettings | { error: string } {
  const tags = group.tags;
  const bad = (key: string, why: string) => ({ error: `tag ${key}="${tags[key]}": ${why}` });

  for (const key of [TAG.exempt, TAG.surge]) {
    if (isMalformedBooleanTag(tags[key])) return bad(key, 'expected true or false');
  }

  const maxAgeTag = tags[TAG.maxAgeDays];
  const tagMaxAge = maxAgeTag === undefined ? undefined : parseDays(maxAgeTag);
  if (maxAgeTag !== undefined && tagMaxAge === undefined) return bad(TAG.maxAgeDays, 'expected a number of days >= 0');

  const graceTag = tags[TAG.graceDays];
  const graceDays = graceTag === undefined ? policy.defaultGraceDays : parseDays(graceTag);
  if (graceDays === undefined) return bad(TAG.graceDays, 'expected a number of days >= 0');

  const budgetTag = tags[TAG.budget];
  const tagBudget = budgetTag === undefined ? undefined : parseBudget(budgetTag);
  if (budgetTag !== undefined && tagBudget === undefined) return bad(TAG.budget, 'expected a whole number >= 1 or a percentage such as 25%');

  const rotateTag = tags[TAG.rotateBefore];
  const rotateBefore = rotateTag === undefined ? undefined : parseRotateBefore(rotateTag, now);
  if (typeof rotateBefore === 'string') return bad(TAG.rotateBefore, rotateBefore);

  const windowText = tags[TAG.window] ?? policy.defaultWindow;
  const windows = windowText === undefined ? undefined : parseWindows(windowText, clocks);
  if (windows && 'error' in windows) return tags[TAG.window] !== undefined ? bad(TAG.window, windows.error) : { error: windows.error };

  const bakeTag = tags[TAG.bakeMinutes];
  const tagBake = bakeTag === undefined ? undefined : parseDays(bakeTag);
  if (bakeTag !== undefined && tagBake === undefined) return bad(TAG.bakeMinutes, 'expected a number of minutes >= 0');
  const bakeMinutes = bakeMinutesOf(tagBake, policy, group);

  const alarmNames = (tags[TAG.alarms] ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  return {
    exempt: isTrueTag(tags[TAG.exempt]),
    maxAgeDays: policy.maxAgeDaysOverride ?? tagMaxAge ?? policy.defaultMaxAgeDays,
    rotateBefore,
    windows,
    graceDays,
    budget: policy.groupBudgetOverride ?? tagBudget ?? policy.defaultGroupBudget,
    surge: isTrueTag(tags[TAG.surge]),
    alarmNames: [...new Set([...policy.alarmNames, ...alarmNames])],
    // Left out when 0: a group without a bake time has settings as it had before there was one.
    ...(bakeMinutes > 0 ? { bakeMinutes } : {}),
  };
}
