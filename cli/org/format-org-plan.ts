import { formatTable } from '../format-table';
import { describeAccount } from './org-row';
import type { PlanRow, PlanState } from './org-plan';

const ORDER: readonly PlanState[] = ['would terminate', 'would wait', 'misconfigured', 'unreachable', 'not deployed', 'nothing due'];

/** Most to do first: accounts whose next run terminates most, then what waits, then what could not be planned. */
export function sortPlanRows(rows: readonly PlanRow[]): PlanRow[] {
  const deferred = (row: PlanRow): number => Object.values(row.summary?.deferred ?? {}).reduce((sum, count) => sum + count, 0);
  return [...rows].sort(
    (a, b) =>
      ORDER.indexOf(a.state) - ORDER.indexOf(b.state) ||
      (b.summary?.terminate ?? 0) - (a.summary?.terminate ?? 0) ||
      deferred(b) - deferred(a) ||
      a.account.localeCompare(b.account) ||
      a.region.localeCompare(b.region),
  );
}

function cells(row: PlanRow): string[] {
  const { summary } = row;
  const deferred = summary ? Object.values(summary.deferred).reduce((sum, count) => sum + count, 0) : undefined;
  return [
    describeAccount(row),
    row.region,
    row.state,
    summary ? String(summary.terminate) : '-',
    deferred === undefined ? '-' : String(deferred),
    summary ? String(summary.unmanaged) : '-',
    row.why.join('; ') || '-',
  ];
}

/** `Next runs would terminate 7 instances in 2 of 4 accounts; 12 deferred.`, then what could not be planned. */
export function planAnswer(sorted: readonly PlanRow[]): string {
  const total = new Set(sorted.map((row) => row.account)).size;
  const terminate = sorted.reduce((sum, row) => sum + (row.summary?.terminate ?? 0), 0);
  const deferred = sorted.reduce((sum, row) => sum + Object.values(row.summary?.deferred ?? {}).reduce((a, b) => a + b, 0), 0);
  const acting = new Set(sorted.filter((row) => row.state === 'would terminate').map((row) => row.account)).size;
  const lines = [`Next runs would terminate ${terminate} instances in ${acting} of ${total} accounts; ${deferred} deferred. Nothing was changed.`];
  for (const state of ['unreachable', 'misconfigured', 'not deployed'] as const) {
    const accounts = [...new Set(sorted.filter((row) => row.state === state).map(describeAccount))];
    if (accounts.length > 0) lines.push(`${accounts.length} ${state}: ${accounts.join(', ')}`);
  }
  return lines.join('\n');
}

export function formatOrgPlan(sorted: readonly PlanRow[]): string {
  if (sorted.length === 0) return 'No account to look at.';
  const header = ['ACCOUNT', 'REGION', 'NEXT RUN', 'TERMINATE', 'DEFERRED', 'UNMANAGED', 'WHY'];
  return `${formatTable(header, sorted.map(cells))}\n\n${planAnswer(sorted)}`;
}
