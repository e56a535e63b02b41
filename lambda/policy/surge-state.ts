/** The state of a launch-before-terminate surge, kept in the group tag `instance-reaper:surge-state` between runs. */
export interface SurgeState {
  readonly startedAt: number;
  /** Desired capacity the surge set (baseline + added). */
  readonly desiredCapacity: number;
  /** Instances the surge replaces: one added for each. */
  readonly added: number;
  /** Capacity units added (the replaced instances' weights); `added` where every member is one unit. */
  readonly addedUnits: number;
  /** Instances to terminate, with decrement, once the added capacity serves. */
  readonly instanceIds: readonly string[];
}

const STATE_PATTERN = /^v1 at=(\S+) desired=(\d+) added=(\d+)(?: units=(\d+))? ids=(\S+)$/;

/** A surge replaces at most this many instances at once. */
export const MAX_SURGE_INSTANCES = 10;

/** Auto Scaling tag values hold at most 256 characters. */
export const MAX_TAG_VALUE_LENGTH = 256;

/** `units=` appears only where the group weighs its members: a plain group's tag reads as it always has. */
export function formatSurgeState(state: SurgeState): string {
  const units = state.addedUnits === state.added ? '' : ` units=${state.addedUnits}`;
  return `v1 at=${new Date(state.startedAt).toISOString()} desired=${state.desiredCapacity} added=${state.added}${units} ids=${state.instanceIds.join(',')}`;
}

/** Whether the state fits in a tag value. */
export const fitsInTag = (state: SurgeState): boolean => formatSurgeState(state).length <= MAX_TAG_VALUE_LENGTH;

export function parseSurgeState(value: string): SurgeState | undefined {
  const match = STATE_PATTERN.exec(value.trim());
  if (!match) return undefined;
  const startedAt = Date.parse(match[1] ?? '');
  if (Number.isNaN(startedAt)) return undefined;
  return {
    startedAt,
    desiredCapacity: Number(match[2]),
    added: Number(match[3]),
    addedUnits: Number(match[4] ?? match[3]),
    instanceIds: (match[5] ?? '').split(',').filter(Boolean),
  };
}
