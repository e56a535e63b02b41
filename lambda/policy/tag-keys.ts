/** Every tag of the reaper's own starts with this. */
export const TAG_PREFIX = 'instance-reaper:';

/** Tags the reaper reads on groups and instances, and the one the construct puts on what it creates. */
export const TAG = {
  exempt: 'instance-reaper:exempt',
  maxAgeDays: 'instance-reaper:max-age-days',
  rotateBefore: 'instance-reaper:rotate-before',
  surge: 'instance-reaper:surge',
  surgeState: 'instance-reaper:surge-state',
  /** The function's proof that it wrote the surge-state tag: a MAC from the key only its role may use. */
  surgeProof: 'instance-reaper:surge-proof',
  alarms: 'instance-reaper:alarms',
  window: 'instance-reaper:window',
  graceDays: 'instance-reaper:grace-days',
  budget: 'instance-reaper:budget',
  bakeMinutes: 'instance-reaper:bake-minutes',
  autoScalingGroupName: 'aws:autoscaling:groupName',
  /** Put by the construct on the resources it creates; the function does not read it. */
  component: 'instance-reaper:component',
} as const;

/** Tag values are read case-insensitively for `true`. */
export function isTrueTag(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

/** A true/false tag with any other value (`yes`, empty, ...) does not parse. */
export function isMalformedBooleanTag(value: string | undefined): boolean {
  return value !== undefined && !['true', 'false'].includes(value.trim().toLowerCase());
}
