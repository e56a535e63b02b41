import type { InstanceSnapshot } from '../model/fleet';

/**
 * When the instance first launched: the earliest of LaunchTime and the attach times of its
 * primary network interface and root volume. LaunchTime alone resets on every stop/start.
 */
export function firstLaunchTime(instance: InstanceSnapshot): number | undefined {
  // Runs for every instance of the fleet: compares in place rather than building and filtering an array.
  return earlier(earlier(instance.launchTime, instance.primaryEniAttachTime), instance.rootVolumeAttachTime);
}

function earlier(a: number | undefined, b: number | undefined): number | undefined {
  const usableA = a !== undefined && Number.isFinite(a);
  const usableB = b !== undefined && Number.isFinite(b);
  if (!usableA) return usableB ? b : undefined;
  return usableB && b < a ? b : a;
}

export const DAY_MS = 86_400_000;
