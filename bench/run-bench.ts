import { bundleFigures } from './bundle-figures';
import { curveFigures } from './curve-figures';
import { decisionFigures } from './decision-figures';
import type { BenchSection } from './figure';
import { fleetFigures } from './fleet-figures';
import { printFailure, printFigures } from './print-figures';

/** Every section of the bench, in the order they run. A section is one module that measures one thing: adding one is one import and one line here. */
const SECTIONS: readonly BenchSection[] = [
  decisionFigures,
  bundleFigures,
  fleetFigures,
  curveFigures,
];

/** Prints figures against the targets. It asserts nothing: a miss is printed, and the exit code is 0 unless a section failed to run. */
async function runBench(only: readonly string[]): Promise<void> {
  const sections = only.length === 0 ? SECTIONS : SECTIONS.filter((section) => only.includes(section.id));
  if (sections.length === 0) throw new Error(`no such section: ${only.join(', ')} (sections: ${SECTIONS.map((section) => section.id).join(', ')})`);
  for (const section of sections) {
    try {
      printFigures(section.title, await section.measure());
    } catch (error) {
      printFailure(section.title, error);
      process.exitCode = 1;
    }
  }
}

runBench(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
