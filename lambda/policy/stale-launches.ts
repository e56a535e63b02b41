import type { ReasonCode } from '../model/reasons';
import type { FleetEvaluation, GroupEvaluation } from './evaluation';

/** Reasons a replacement launched from the same AMI would have too. */
const INHERITED_BY_REPLACEMENTS: ReadonlySet<ReasonCode> = new Set(['ami-age', 'ami-deprecated', 'ami-missing', 'ami-blocked']);

/** A group that launches the very AMI its due instances are stale for. */
export interface StaleLaunch {
  readonly group: string;
  readonly imageId: string;
  readonly reasons: readonly ReasonCode[];
}

function launchImageIds(group: GroupEvaluation): Set<string> {
  const images = group.group.launchImages;
  if (!images) return new Set();
  return new Set([...(images.imageId ? [images.imageId] : []), ...Object.values(images.imageIdByInstanceType)]);
}

/**
 * Groups whose replacements would be due again for the same AMI reason: rotating them only churns
 * until the launch template changes. The instances stay due (the reaper judges instances, not
 * templates); this is what the run warns the operator about.
 */
export function staleLaunches(evaluation: FleetEvaluation): StaleLaunch[] {
  const found: StaleLaunch[] = [];
  for (const group of evaluation.groups) {
    const launched = launchImageIds(group);
    const byImage = new Map<string, Set<ReasonCode>>();
    for (const due of group.due) {
      if (due.imageId === undefined || !launched.has(due.imageId)) continue;
      const inherited = due.reasons.filter((reason) => INHERITED_BY_REPLACEMENTS.has(reason));
      if (inherited.length === 0) continue;
      const reasons = byImage.get(due.imageId) ?? new Set<ReasonCode>();
      for (const reason of inherited) reasons.add(reason);
      byImage.set(due.imageId, reasons);
    }
    for (const [imageId, reasons] of byImage) found.push({ group: group.group.name, imageId, reasons: [...reasons] });
  }
  return found;
}
