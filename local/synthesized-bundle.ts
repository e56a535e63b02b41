import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const OUT_DIR = path.join(ROOT, '.build', 'cdk.out');
/** Where a test run's global setup leaves the synthesized function for every test file to share. */
const SHARED_FILE = path.join(ROOT, '.build', 'synthesized-function.json');
const SHARED_ENV = 'REAPER_SYNTHESIZED_FUNCTION';

interface TemplateResource {
  readonly Type: string;
  readonly Metadata?: Record<string, unknown>;
  readonly Properties?: { Environment?: { Variables?: Record<string, unknown> } };
}

export interface SynthesizedFunction {
  /** The deployed code: the `index.js` that `cdk synth` bundled. */
  readonly bundlePath: string;
  /** The function's environment variables that are plain strings (references to other resources are left out). */
  readonly environment: Record<string, string>;
}

const stderrOf = (error: unknown): string => {
  const stderr = (error as { stderr?: unknown }).stderr;
  return Buffer.isBuffer(stderr) ? stderr.toString('utf8') : typeof stderr === 'string' ? stderr : '';
};

/** Runs `cdk synth`; when another synth (a test run, `npm start`) holds the output folder, waits its turn, up to two minutes. */
function runSynth(): void {
  for (let attempt = 1; ; attempt += 1) {
    try {
      execFileSync(path.join(ROOT, 'node_modules', '.bin', 'cdk'), ['synth', '--no-notices', '--quiet', '-o', OUT_DIR], {
        cwd: ROOT,
        env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      return;
    } catch (error) {
      const stderr = stderrOf(error);
      if (stderr.includes('is currently synthing') && attempt < 120) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
        continue;
      }
      const message = stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm warn')).join('\n');
      throw new Error(`cdk synth failed: ${message || String(error)}`, { cause: error });
    }
  }
}

/** Runs `cdk synth` offline (no credentials, no notices, no telemetry) into .build/cdk.out and finds the reaper's bundle. */
export function synthesizeFunction(): SynthesizedFunction {
  runSynth();
  const template = JSON.parse(readFileSync(path.join(OUT_DIR, 'InstanceReaper.template.json'), 'utf8')) as { Resources: Record<string, TemplateResource> };
  const functions = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::Lambda::Function');
  if (functions.length !== 1) throw new Error(`expected one Lambda function in the synthesized stack, found ${functions.length}`);
  const fn = functions[0] as TemplateResource;
  const assetPath = fn.Metadata?.['aws:asset:path'];
  const bundlePath = path.join(OUT_DIR, String(assetPath), 'index.js');
  if (!existsSync(bundlePath)) throw new Error(`bundle not found at ${bundlePath}`);
  const variables = fn.Properties?.Environment?.Variables ?? {};
  const environment = Object.fromEntries(Object.entries(variables).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return { bundlePath, environment };
}

let synthesized: SynthesizedFunction | undefined;

/** The synthesized function, synthesized at most once per test run (see `shareSynthesizedFunction`) or per process. */
export function synthesizedFunction(): SynthesizedFunction {
  if (synthesized) return synthesized;
  const shared = process.env[SHARED_ENV];
  synthesized = shared && existsSync(shared) ? (JSON.parse(readFileSync(shared, 'utf8')) as SynthesizedFunction) : synthesizeFunction();
  return synthesized;
}

/** Synthesizes once and tells every process started after this one where to find the result (jest's global setup). */
export function shareSynthesizedFunction(): void {
  writeFileSync(SHARED_FILE, JSON.stringify(synthesizeFunction()));
  process.env[SHARED_ENV] = SHARED_FILE;
}
