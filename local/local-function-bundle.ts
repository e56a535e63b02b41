import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { shareSynthesizedFunction, synthesizedFunction, type SynthesizedFunction } from './synthesized-bundle';

const ROOT = path.join(__dirname, '..');
/** Where the last `cdk synth` (a test run's, `npm start`'s or the CLI's) left its result. */
const SHARED_FILE = path.join(ROOT, '.build', 'synthesized-function.json');
/** What the bundle is built from: a change to any of these makes it stale. */
const SOURCES = ['lambda', 'infra', 'package-lock.json'].map((entry) => path.join(ROOT, entry));

function newestChange(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

function cachedFunction(): SynthesizedFunction | undefined {
  if (!existsSync(SHARED_FILE)) return undefined;
  const cached = JSON.parse(readFileSync(SHARED_FILE, 'utf8')) as SynthesizedFunction;
  if (!existsSync(cached.bundlePath)) return undefined;
  return statSync(cached.bundlePath).mtimeMs >= Math.max(...SOURCES.map(newestChange)) ? cached : undefined;
}

/**
 * The deployed bundle for the local account. `cdk synth` takes about ten seconds, too long for every
 * CLI command, so its last result is reused while no source of the bundle has changed since.
 */
export function localFunctionBundle(): SynthesizedFunction {
  if (process.env.REAPER_SYNTHESIZED_FUNCTION) return synthesizedFunction();
  const cached = cachedFunction();
  if (cached) return cached;
  shareSynthesizedFunction();
  return synthesizedFunction();
}
