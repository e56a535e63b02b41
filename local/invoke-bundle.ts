import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface Invocation {
  /** The handler's result, or undefined when it threw. */
  readonly result?: unknown;
  /** The error message when the handler threw. */
  readonly error?: string;
  /** What the function logged (Powertools JSON lines, EMF metrics). */
  readonly logs: string;
}

const RUNNER = `
const fs = require('node:fs');
const [bundle, eventFile, resultFile, startAt] = process.argv.slice(1);
if (startAt) {
  const realNow = Date.now.bind(Date);
  const offset = Number(startAt) - realNow();
  Date.now = () => realNow() + offset;
}
const event = JSON.parse(fs.readFileSync(eventFile, 'utf8'));
require(bundle).handler(event).then(
  (result) => fs.writeFileSync(resultFile, JSON.stringify({ result })),
  (error) => fs.writeFileSync(resultFile, JSON.stringify({ error: String(error && error.message || error) })),
);`;

/**
 * Invokes the bundled handler in a fresh Node.js process, as a Lambda cold start would, with exactly the given
 * environment. `startAt` (epoch ms) runs the process's clock from that time instead of now.
 */
export function invokeBundle(bundlePath: string, env: Record<string, string>, event: unknown, startAt?: number): Promise<Invocation> {
  const dir = mkdtempSync(path.join(tmpdir(), 'reaper-invoke-'));
  const eventFile = path.join(dir, 'event.json');
  const resultFile = path.join(dir, 'result.json');
  writeFileSync(eventFile, JSON.stringify(event ?? null));
  const childEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env };
  return new Promise((resolve) => {
    const args = ['-e', RUNNER, bundlePath, eventFile, resultFile, ...(startAt === undefined ? [] : [String(startAt)])];
    execFile(process.execPath, args, { env: childEnv, maxBuffer: 256 * 1024 * 1024 }, (_error, stdout, stderr) => {
      let outcome: { result?: unknown; error?: string } = { error: 'the handler process ended without a result' };
      try {
        outcome = JSON.parse(readFileSync(resultFile, 'utf8')) as typeof outcome;
      } catch {
        outcome = { error: `the handler process ended without a result: ${stderr.slice(0, 2000)}` };
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ ...outcome, logs: stdout + stderr });
    });
  });
}
