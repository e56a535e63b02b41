import { execFile } from 'node:child_process';
import * as path from 'node:path';

const BIN = path.join(__dirname, '..', '..', 'bin', 'instance-reaper.js');

function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

describe('bin/instance-reaper.js', () => {
  it('runs the TypeScript CLI in place: help exits 0', async () => {
    const { code, stdout } = await run(['help']);

    expect(code).toBe(0);
    expect(stdout).toContain('Usage: instance-reaper <command>');
  });

  it('exits 2 on bad usage, with the message on stderr', async () => {
    const { code, stderr, stdout } = await run(['plan', '--bogus']);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("Unknown option '--bogus'");
  });
});
