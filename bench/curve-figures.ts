import { DEFAULTS } from '../infra/props';
import { BENCH_FLEET } from './bench-fleet';
import { benchRun, LATENCY_MS } from './bench-run';
import type { BenchSection, Figure } from './figure';
import { readFloor, readsAgainstFloor, READS_OVER_FLOOR_AT_MOST } from './read-floor';

/** Fleet sizes the curve is drawn at, in groups of ten instances: 1,000 to 100,000 instances. */
const CURVE_GROUPS = [100, 1_000, 5_000, 10_000];
/** The largest fleet must fit the function's memory with this share to spare. */
const SPARE_MEMORY = 0.3;

const megabytes = (kilobytes: number | undefined) => ((kilobytes ?? Number.NaN) * 1024) / 1_000_000;

interface CurvePoint {
  readonly instances: number;
  readonly wallS: number;
  readonly rssMb: number;
  readonly reads: number;
  readonly least: number;
}

async function point(groups: number): Promise<CurvePoint> {
  const { account, needs, report, run } = await benchRun(groups);
  const { reads, least } = readsAgainstFloor(account, readFloor(needs, report));
  return { instances: groups * BENCH_FLEET.instancesPerGroup, wallS: run.wallMs / 1000, rssMb: megabytes(run.maxRssKb), reads, least };
}

/** How much memory each further instance costs, from the smallest fleet to the largest. */
function slopeKbPerInstance(points: readonly CurvePoint[]): number {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || last.instances === first.instances) return Number.NaN;
  return ((last.rssMb - first.rssMb) * 1000) / (last.instances - first.instances);
}

/** One run of the bundle at each size, each in its own process against its own account: wall time, peak RSS, reads. */
export const curveFigures: BenchSection = {
  id: 'curve',
  title: `Curve: one run at 1,000 to 100,000 instances (${LATENCY_MS} ms a call, AWS's answer shapes)`,
  measure: async () => {
    const points: CurvePoint[] = [];
    for (const groups of CURVE_GROUPS) points.push(await point(groups));
    const rows = points.flatMap((at): Figure[] => {
      const size = `${at.instances.toLocaleString('en-US')} instances`;
      return [
        { name: `${size}: one full run`, value: at.wallS, unit: 's' },
        { name: `${size}: peak RSS`, value: at.rssMb, unit: 'MB' },
        { name: `${size}: reads against the floor`, value: at.reads / at.least, unit: 'x', atMost: READS_OVER_FLOOR_AT_MOST, note: `${at.reads} reads, floor ${at.least}` },
      ];
    });
    const largest = points.at(-1);
    const budgetMb = (DEFAULTS.memorySize * 1_048_576) / 1_000_000;
    return [
      ...rows,
      { name: 'memory per further instance', value: slopeKbPerInstance(points), unit: 'KB', note: 'peak RSS, smallest fleet to largest' },
      {
        name: 'largest fleet: share of the memory',
        value: (largest?.rssMb ?? Number.NaN) / budgetMb,
        unit: 'x',
        atMost: 1 - SPARE_MEMORY,
        note: `${(largest?.rssMb ?? Number.NaN).toFixed(0)} MB of the function's ${DEFAULTS.memorySize} MiB`,
      },
    ];
  },
};
