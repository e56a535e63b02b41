import { execFile } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

export interface NpmStartOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm start --silent -- <args>`, as the README says to run it; the synthesized bundle is the test run's own. */
export function npmStart(args: readonly string[]): Promise<NpmStartOutput> {
  return new Promise((resolve) => {
    execFile('npm', ['start', '--silent', '--', ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}
