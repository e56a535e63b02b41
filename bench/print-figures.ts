import type { Figure } from './figure';

const DECIMALS: Readonly<Record<string, number>> = { MB: 3, MiB: 1, KiB: 0, ms: 1, s: 3, x: 2, '$/month': 2 };

function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  const decimals = DECIMALS[unit] ?? 0;
  return `${value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })} ${unit}`;
}

/** pass or MISS against the target; a figure without a target is shown for context only. */
function mark(figure: Figure): string {
  if (figure.atMost === undefined) return '';
  return figure.value <= figure.atMost ? 'pass' : 'MISS';
}

/** Prints one section as a table: figure, value, target, mark, note. */
export function printFigures(title: string, figures: readonly Figure[]): void {
  const rows = figures.map((figure) => [
    figure.name,
    formatValue(figure.value, figure.unit),
    figure.atMost === undefined ? '' : `<= ${formatValue(figure.atMost, figure.unit)}`,
    mark(figure),
    figure.note ?? '',
  ]);
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  console.log(`\n${title}`);
  for (const row of rows) {
    const cells = row.slice(0, 4).map((cell, column) => (column === 1 || column === 2 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)));
    console.log(`  ${cells.join('  ')}  ${row[4] ?? ''}`.trimEnd());
  }
}

/** A section that could not be measured: said plainly, so a missing figure is never read as a pass. */
export function printFailure(title: string, error: unknown): void {
  console.log(`\n${title}\n  not measured: ${error instanceof Error ? error.message : String(error)}`);
}
