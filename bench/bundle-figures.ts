import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { synthesizedFunction } from '../local/synthesized-bundle';
import { bundleComposition } from './bundle-composition';
import { bundleWithFunctionOptions } from './bundle-with-function-options';
import type { BenchSection, Figure } from './figure';
import { measureLoadTimes, type LoadTime } from './load-time';

const LOAD_ROUNDS = 40;
const MB = 1_000_000;
const KB = 1_000;
const LARGEST_PARTS = 10;

interface Deployed {
  readonly bundlePath: string;
  /** The source map cdk synth wrote next to it: part of the code package, not of index.js. */
  readonly mapBytes: number;
  readonly environment: Record<string, string>;
}

/** The deployed bundle (synthesized once per bench run, shared with the fleet section), copied out of cdk.out so that a test run synthesizing meanwhile cannot change it under the measurement. */
function deployedBundle(): Deployed {
  const synthesized = synthesizedFunction();
  const bundlePath = path.join(mkdtempSync(path.join(tmpdir(), 'reaper-bench-deployed-')), 'index.js');
  copyFileSync(synthesized.bundlePath, bundlePath);
  const mapPath = `${synthesized.bundlePath}.map`;
  return { bundlePath, mapBytes: existsSync(mapPath) ? statSync(mapPath).size : 0, environment: synthesized.environment };
}

function loadFigures(reaper: LoadTime, bare: LoadTime): Figure[] {
  return [
    { name: 'load time', value: reaper.wallMs, unit: 'ms', note: `median of ${LOAD_ROUNDS} fresh processes each, alternating; CPU ${reaper.cpuMs.toFixed(1)} ms` },
    { name: 'bare-clients load time', value: bare.wallMs, unit: 'ms', note: `CPU ${bare.cpuMs.toFixed(1)} ms` },
    { name: 'load time ratio', value: reaper.wallMs / bare.wallMs, unit: 'x', atMost: 1.2, note: 'wall clock; a busy machine stretches it unevenly' },
    { name: 'load CPU time ratio', value: reaper.cpuMs / bare.cpuMs, unit: 'x', atMost: 1.2, note: 'CPU time: what other processes disturb least' },
  ];
}

/** Where the bytes are: the same entry rebuilt with the same options and a metafile (checked to be the same size). */
function compositionFigures(deployedBytes: number): Figure[] {
  const rebuilt = bundleWithFunctionOptions(path.join(__dirname, '..', 'lambda', 'handler.ts'), { metafile: true });
  try {
    const rebuiltBytes = statSync(rebuilt.bundlePath).size;
    if (!rebuilt.metafilePath || rebuiltBytes !== deployedBytes) {
      return [{ name: 'composition', value: Number.NaN, unit: 'KB', note: `rebuild is ${rebuiltBytes} bytes, deployed ${deployedBytes}: not comparable` }];
    }
    return bundleComposition(rebuilt.metafilePath)
      .slice(0, LARGEST_PARTS)
      .map(({ owner, bytes }) => ({ name: `  of which ${owner}`, value: bytes / KB, unit: 'KB' }));
  } finally {
    rmSync(rebuilt.dir, { recursive: true, force: true });
  }
}

/** Size of the index.js `cdk synth` writes, where its bytes come from, and its load time against a bundle of the two bare SDK clients. */
export const bundleFigures: BenchSection = {
  id: 'bundle',
  title: 'Bundle: the index.js cdk synth writes',
  measure: () => {
    const deployed = deployedBundle();
    const bare = bundleWithFunctionOptions(path.join(__dirname, 'bare-clients.ts'));
    try {
      const env = { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', ...deployed.environment };
      const [reaperLoad, bareLoad] = measureLoadTimes([deployed.bundlePath, bare.bundlePath], LOAD_ROUNDS, env);
      const size = statSync(deployed.bundlePath).size;
      const figures: Figure[] = [
        { name: 'bundle size', value: size / MB, unit: 'MB', atMost: 1.17, note: `${size.toLocaleString('en-US')} bytes` },
        ...compositionFigures(size),
        { name: 'source map next to it', value: deployed.mapBytes / MB, unit: 'MB', note: 'in the code package, never loaded unless NODE_OPTIONS=--enable-source-maps' },
        { name: 'bare-clients bundle size', value: statSync(bare.bundlePath).size / MB, unit: 'MB', note: 'EC2Client + AutoScalingClient, no commands, same bundling' },
        ...(reaperLoad && bareLoad ? loadFigures(reaperLoad, bareLoad) : []),
      ];
      return Promise.resolve(figures);
    } finally {
      rmSync(path.dirname(deployed.bundlePath), { recursive: true, force: true });
      rmSync(bare.dir, { recursive: true, force: true });
    }
  },
};
