/** A deterministic share in [0, 1) derived from an instance ID (FNV-1a), so a cohort spreads its expiry. */
export function jitterShare(instanceId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < instanceId.length; i++) {
    hash ^= instanceId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x100000000;
}

/** Lifetime shortened by up to `percent` percent, by the instance's own share. */
export function jitteredLifetimeMs(lifetimeMs: number, instanceId: string, percent: number): number {
  // No jitter (the default) needs no hash: this runs for every instance of the fleet.
  return percent === 0 ? lifetimeMs : lifetimeMs * (1 - (percent / 100) * jitterShare(instanceId));
}
