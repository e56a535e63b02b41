import { GROUP_FRESHNESS_MESSAGE } from '../lambda/report/metric-names';
import { declaredMetrics, parseLogLines } from './emf-metrics';
import type { Figure } from './figure';
import type { MeasuredInvocation } from './invoke-with-usage';
import { DEPLOYMENT, money, monthlyCost, scaledRun, type RunShape } from './monthly-cost';

/** Custom metrics and the monthly bill of one account and region, from one measured run of the deployed bundle. */
export function costFigures(run: MeasuredInvocation, groups: number): Figure[] {
  const lines = parseLogLines(run.logs);
  const metrics = declaredMetrics(lines);
  const logBytes = Buffer.byteLength(run.logs, 'utf8');
  const groupBytes = run.logs
    .split('\n')
    .filter((line) => line.includes(`"message":"${GROUP_FRESHNESS_MESSAGE}"`))
    .reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8') + 1, 0);
  const measured = { groups, runSeconds: (run.handlerMs ?? run.wallMs) / 1000, logBytesPerRun: logBytes, customMetrics: metrics.size, fixedLogBytes: logBytes - groupBytes };
  const cost = monthlyCost(measured);
  const at = (shape: RunShape) => monthlyCost(shape).total;
  return [
    { name: 'custom metrics', value: metrics.size, unit: 'metrics', atMost: 25, note: `distinct namespace/metric/dimension sets in the run's ${lines.filter((line) => '_aws' in line).length} EMF lines, ${groups.toLocaleString('en-US')} groups` },
    { name: 'log bytes per run', value: logBytes / 1024, unit: 'KiB', note: `${(groupBytes / groups).toFixed(0)} bytes per group line` },
    ...cost.lines.map((line): Figure => ({ name: `  ${line.item}`, value: line.dollars, unit: '$/month', note: line.arithmetic })),
    {
      name: 'monthly cost, one account and region',
      value: cost.total,
      unit: '$/month',
      atMost: 10,
      note: `${DEPLOYMENT.runsPerMonth} runs (rate 15 min), us-east-1 list prices, arm64, no free tier; 100 groups ${money(at(scaledRun(measured, 100)))}, 5,000 groups ${money(at(scaledRun(measured, 5_000)))} (scaled linearly)`,
    },
  ];
}
