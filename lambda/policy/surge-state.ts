/** The state of a launch-before-terminate surge, kept in the group tag `instance-reaper:surge-state` between runs. */
export interface SurgeState {
  readonly startedAt: number;
  /** Desired capacity the surge set (baseline + added). */
  readonly desiredCapacity: number;
  readonly added: number;
  /** Instances to terminate, with decrement, once the added capacity serves. */
  readonly instanceIds: readonly string[];
}

const STATE_PATTERN = /^v1 at=(\S+) desired=(\d+) added=(\d+) ids=(\S+)$/;

/** Tag values hold at most 256 characters: this many instance IDs always fit. */
export const MAX_SURGE_INSTANCES = 10;

export function formatSurgeState(state: SurgeState): string {
  return `v1 at=${new Date(state.startedAt).toISOString()} desired=${state.desiredCapacity} added=${state.added} ids=${state.instanceIds.join(',')}`;
}

export function parseSurgeState(value: string): SurgeState | undefined {
  const match = STATE_PATTERN.exec(value.trim());
  if (!match) return undefined;
  const startedAt = Date.parse(match[1] ?? '');
  if (Number.isNaN(startedAt)) return undefined;
  return {
    startedAt,
    desiredCapacity: Number(match[2]),
    added: Number(match[3]),
    instanceIds: (match[4] ?? '').split(',').filter(Boolean),
  };
}
