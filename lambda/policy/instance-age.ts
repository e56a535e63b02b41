import type { InstanceSnapshot } from '../model/fleet';

/**
 * When the instance first launched: the earliest of LaunchTime and the attach times of its
 * primary network interface and root volume. LaunchTime alone resets on every stop/start.
 */
export function firstLaunchTime(instance: InstanceSnapshot): number | undefined {
  const times = [instance.launchTime, instance.primaryEniAttachTime, instance.rootVolumeAttachTime].filter(
    (time): time is number => time !== undefined && Number.isFinite(time),
  );
  return times.length > 0 ? Math.min(...times) : undefined;
}

export const DAY_MS = 86_400_000;
