import { describeSurge } from '../format-report';
import { formatTable } from '../format-table';
import type { PreviewRow, RotationPreview } from './rotation-preview';

const HEADER = ['GROUP', 'INSTANCE', 'AGE', 'AMI', 'REASONS', 'FIRST RUN'];

const cells = (row: PreviewRow): string[] => [row.group, row.instanceId, row.ageDays === undefined ? '?' : `${row.ageDays.toFixed(1)}d`, row.imageId ?? '?', row.reasons.join(','), row.firstRun];

/** `3 wait: group-budget 2, cannot-replace 1`. */
function waitingClause(preview: RotationPreview): string {
  const entries = Object.entries(preview.waiting);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  return total === 0 ? '' : `; ${total} wait: ${entries.map(([why, count]) => `${why} ${count}`).join(', ')}`;
}

/** The counts in one line: only what the first run terminates counts as rotated now; the rest waits, and says why. */
export function previewHeadline(preview: RotationPreview, live: boolean): string {
  const unmanaged = preview.unmanaged > 0 ? `; ${preview.unmanaged} in no Auto Scaling group (reported, never touched)` : '';
  const counts = `${preview.rotateNow} instance(s) now${waitingClause(preview)}${unmanaged}.`;
  return live ? `Will rotate ${counts}` : `Dry run (the function's REAPER_DRY_RUN): nothing will be terminated. Once live, it would rotate ${counts}`;
}

/** The request's instances, then everything else the same run changes: the preview shows all of it, not only the request. */
export function formatPreview(preview: RotationPreview, live: boolean): string {
  const parts = [previewHeadline(preview, live)];
  parts.push(preview.requested.length > 0 ? formatTable(HEADER, preview.requested.map(cells)) : 'No instance is due for this request now; later runs rotate whatever it makes due.');
  if (preview.alsoTerminated.length > 0) {
    parts.push('', `The same run also terminates ${preview.alsoTerminated.length} instance(s) due anyway under the configured policy:`, formatTable(HEADER, preview.alsoTerminated.map(cells)));
  }
  if (preview.surges.length > 0) parts.push('', 'Launch before terminate in the same run:', ...preview.surges.map((surge) => `  ${describeSurge(surge)}`));
  const verb = live ? 'terminates' : 'would terminate';
  parts.push('', `In all, the run started now ${verb} ${preview.terminates.length} instance(s)${preview.surges.length > 0 ? ` and changes the capacity of ${preview.surges.length} group(s)` : ''}.`);
  return parts.join('\n');
}
