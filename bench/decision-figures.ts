import { performance } from 'node:perf_hooks';
import { buildPlan } from '../lambda/plan/build-plan';
import { evaluateFleet } from '../lambda/policy/evaluate-fleet';
import type { BenchSection, Figure } from './figure';
import { median } from './stats';
import { syntheticFleet, type SyntheticFleet } from './synthetic-fleet';

const INSTANCES = 100_000;
const WARM_UP_RUNS = 3;
const TIMED_RUNS = 9;

/** One pure decision, as the function makes it after reading the fleet: judge every instance, then plan. */
function decide(fleet: SyntheticFleet): { due: number; terminations: number } {
  const evaluation = evaluateFleet(fleet.snapshot, fleet.policy, fleet.now);
  const scanned = { groups: fleet.snapshot.groups.length, instances: evaluation.scannedInstances };
  const plan = buildPlan({ evaluation, gates: fleet.gates, policy: fleet.policy, now: fleet.now, scanned });
  return { due: plan.deferred.length + plan.terminations.length + plan.unmanaged.length, terminations: plan.terminations.length };
}

/** Wall-clock and CPU seconds of each run; CPU time is what a busy machine disturbs least. */
function timeRuns(fleet: SyntheticFleet, runs: number): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    decide(fleet);
    const used = process.cpuUsage(cpuStarted);
    wall.push((performance.now() - started) / 1000);
    cpu.push((used.user + used.system) / 1e6);
  }
  return { wall, cpu };
}

/** Decision time for 100,000 instances: the median of several runs after warm-up, so JIT compilation is not what is timed. */
export const decisionFigures: BenchSection = {
  id: 'decision',
  title: `Decision: evaluateFleet + buildPlan over ${INSTANCES.toLocaleString('en-US')} instances`,
  measure: () => {
    const fleet = syntheticFleet({ instances: INSTANCES, groupSize: 100, images: 300, unmanagedShare: 0.05 });
    const outcome = decide(fleet);
    timeRuns(fleet, WARM_UP_RUNS);
    const { wall, cpu } = timeRuns(fleet, TIMED_RUNS);
    const figures: Figure[] = [
      { name: 'decision time (median)', value: median(wall), unit: 's', atMost: 0.2, note: `${TIMED_RUNS} runs after ${WARM_UP_RUNS} warm-up; groups of 100, 5% unmanaged; ${outcome.due.toLocaleString('en-US')} due, ${outcome.terminations} terminations planned` },
      { name: 'decision CPU time (median)', value: median(cpu), unit: 's', note: 'includes V8\'s parallel GC threads' },
      { name: 'decision time (slowest run)', value: Math.max(...wall), unit: 's' },
    ];
    return Promise.resolve(figures);
  },
};
