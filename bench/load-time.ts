import { execFileSync } from 'node:child_process';
import { median } from './stats';

/** Run in a fresh Node.js process: the time to require the bundle (read, compile, run its top level), excluding Node's own start. */
const PROBE = `
const started = process.hrtime.bigint();
const cpu = process.cpuUsage();
require(process.argv[1]);
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ wallMs: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (used.user + used.system) / 1000 }));`;

export interface LoadTime {
  /** Median wall-clock milliseconds to load the bundle. */
  readonly wallMs: number;
  /** Median CPU milliseconds (less disturbed by other processes on the machine). */
  readonly cpuMs: number;
}

function loadOnce(bundlePath: string, env: Record<string, string>): { wallMs: number; cpuMs: number } {
  // --no-warnings: the SDK warns about Node.js 20 when a client is built; printing that is not loading.
  const output = execFileSync(process.execPath, ['--no-warnings', '-e', PROBE, bundlePath], { env, encoding: 'utf8' });
  return JSON.parse(output) as { wallMs: number; cpuMs: number };
}

/**
 * Loads each bundle in its own fresh process, alternating between them round after round so that
 * a busy moment on the machine hits all of them alike; the medians are compared.
 */
export function measureLoadTimes(bundlePaths: readonly string[], rounds: number, env: Record<string, string>): LoadTime[] {
  const samples = bundlePaths.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  const indexes = bundlePaths.map((_, index) => index);
  for (let round = 0; round < rounds; round++) {
    // Every other round in reverse, so neither bundle always runs right after the other.
    for (const index of round % 2 === 0 ? indexes : [...indexes].reverse()) {
      const sample = loadOnce(bundlePaths[index] ?? '', env);
      samples[index]?.wall.push(sample.wallMs);
      samples[index]?.cpu.push(sample.cpuMs);
    }
  }
  return samples.map((sample) => ({ wallMs: median(sample.wall), cpuMs: median(sample.cpu) }));
}
