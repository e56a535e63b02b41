import type { AccountState } from './state';

/** What behaviours and service handlers work on: the data and the clock. */
export interface World {
  readonly state: AccountState;
  now(): number;
}

/** AWS-looking IDs (`i-` + 17 hex digits) from one counter, so a seeded account is reproducible. */
export function nextId(state: AccountState, prefix: string): string {
  state.counter += 1;
  return `${prefix}-${state.counter.toString(16).padStart(17, '0')}`;
}

/** A UUID-shaped ID from the same counter (activities, refreshes, message IDs). */
export function nextUuid(state: AccountState): string {
  state.counter += 1;
  const hex = state.counter.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
