import { formatTable } from '../format-table';
import { describeDuration } from './judge-status';
import { describeAccount, ORG_STATES, type OrgState, type StatusRow } from './org-row';

const rank = (state: OrgState): number => ORG_STATES.indexOf(state);

/** Worst first: by state (out of policy first), then least within policy, then oldest due instance. */
export function sortStatusRows(rows: readonly StatusRow[]): StatusRow[] {
  return [...rows].sort(
    (a, b) =>
      rank(a.state) - rank(b.state) ||
      (a.figures?.withinPolicyPercent ?? 100) - (b.figures?.withinPolicyPercent ?? 100) ||
      (b.figures?.oldestDueAgeDays ?? 0) - (a.figures?.oldestDueAgeDays ?? 0) ||
      a.account.localeCompare(b.account) ||
      a.region.localeCompare(b.region),
  );
}

function cells(row: StatusRow, now: number): string[] {
  const { figures } = row;
  return [
    describeAccount(row),
    row.region,
    row.state,
    figures ? String(figures.instances) : '-',
    figures ? `${figures.withinPolicyPercent}%` : '-',
    figures?.oldestDueAgeDays === undefined ? '-' : `${figures.oldestDueAgeDays}d`,
    figures?.lastRun ? `${describeDuration(Math.max(0, now - Date.parse(figures.lastRun)))} ago` : '-',
    row.why.join('; ') || '-',
  ];
}

/** Accounts with a row in this state, worst row first, each once. */
function accountsIn(rows: readonly StatusRow[], state: OrgState): StatusRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => row.state === state && !seen.has(row.account) && seen.add(row.account));
}

/** `2 of 5 accounts out of policy: 111111111111 (prod) eu-west-1: 12 instances past lifetime; ...`, then what could not be judged. */
export function statusAnswer(sorted: readonly StatusRow[]): string {
  const total = new Set(sorted.map((row) => row.account)).size;
  const out = accountsIn(sorted, 'out of policy');
  const lines = [`${out.length} of ${total} accounts out of policy${out.length > 0 ? ', worst first:' : '.'}`];
  for (const row of out) lines.push(`  ${describeAccount(row)} ${row.region}: ${row.why.join('; ')}`);
  const others = (['unreachable', 'paused', 'not deployed'] as const).flatMap((state) => {
    const accounts = accountsIn(sorted, state);
    return accounts.length > 0 ? [`${accounts.length} ${state}: ${accounts.map(describeAccount).join(', ')}`] : [];
  });
  if (others.length > 0) lines.push(`Also: ${others.join('; ')}.`);
  return lines.join('\n');
}

/** The table, one row per account and region, worst first, then the answer. */
export function formatOrgStatus(sorted: readonly StatusRow[], now: number): string {
  if (sorted.length === 0) return 'No account to look at.';
  const header = ['ACCOUNT', 'REGION', 'STATE', 'INSTANCES', 'IN POLICY', 'OLDEST DUE', 'LAST RUN', 'WHY'];
  return `${formatTable(header, sorted.map((row) => cells(row, now)))}\n\n${statusAnswer(sorted)}`;
}
