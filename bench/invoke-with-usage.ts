import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** One invocation of the bundled handler in a fresh process, with what it cost. */
export interface MeasuredInvocation {
  readonly result?: unknown;
  readonly error?: string;
  /** From starting the process to its result: a cold start and one run. */
  readonly wallMs: number;
  readonly handlerMs?: number;
  /** The process's peak resident set, in KiB (getrusage). */
  readonly maxRssKb?: number;
  /** What the handler wrote to stdout: its log and EMF lines, as the function's log group would receive them. */
  readonly logs: string;
}

const RUNNER = `
const fs = require('node:fs');
const [bundle, eventFile, resultFile] = process.argv.slice(1);
const event = JSON.parse(fs.readFileSync(eventFile, 'utf8'));
const { handler } = require(bundle);
const started = performance.now();
const done = (outcome) => fs.writeFileSync(resultFile, JSON.stringify({ ...outcome, handlerMs: performance.now() - started, maxRssKb: process.resourceUsage().maxRSS }));
handler(event).then((result) => done({ result }), (error) => done({ error: String((error && error.message) || error) }));`;

/** Invokes the handler as a Lambda cold start would: a fresh Node.js process with exactly the given environment. */
export function invokeWithUsage(bundlePath: string, env: Record<string, string>, event: unknown): Promise<MeasuredInvocation> {
  const dir = mkdtempSync(path.join(tmpdir(), 'reaper-bench-invoke-'));
  const eventFile = path.join(dir, 'event.json');
  const resultFile = path.join(dir, 'result.json');
  writeFileSync(eventFile, JSON.stringify(event));
  const started = performance.now();
  return new Promise((resolve) => {
    // --no-warnings: the SDK's Node.js 20 notice is not the function's output. Its stdout is kept: the run's logs.
    execFile(process.execPath, ['--no-warnings', '-e', RUNNER, bundlePath, eventFile, resultFile], { env, maxBuffer: 512 * 1024 * 1024 }, (_error, stdout, stderr) => {
      const wallMs = performance.now() - started;
      let outcome: Omit<MeasuredInvocation, 'wallMs' | 'logs'>;
      try {
        outcome = JSON.parse(readFileSync(resultFile, 'utf8')) as Omit<MeasuredInvocation, 'wallMs' | 'logs'>;
      } catch {
        outcome = { error: `the handler process ended without a result: ${stderr.slice(0, 2000)}` };
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ ...outcome, wallMs, logs: stdout });
    });
  });
}
