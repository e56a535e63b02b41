import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCaptured } from './cli-harness';

const README = path.join(__dirname, '..', '..', 'README.md');

const COMMAND = 'npx --no-install instance-reaper ';

/** The `npx --no-install instance-reaper` lines of the README's local rehearsal, as an operator would paste them. */
function rehearsalCommands(): string[][] {
  const text = readFileSync(README, 'utf8');
  const section = text.slice(text.indexOf('### Rehearse it locally'), text.indexOf('## CLI'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line.startsWith(COMMAND))
    .map((line) => line.slice(COMMAND.length).split(/\s+/));
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'reaper-runbook-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the README runbook, rehearsed locally', () => {
  it('runs every command as written, and the emergency rotation finishes', async () => {
    const commands = rehearsalCommands();
    const outputs: string[] = [];
    for (const argv of commands) {
      const { code, stdout, stderr } = await runCaptured(argv, { env: { INSTANCE_REAPER_LOCAL_ACCOUNT: path.join(dir, 'local-account.json') } });
      expect({ command: argv.join(' '), code, stderr: code === 0 ? '' : stderr }).toEqual({ command: argv.join(' '), code: 0, stderr: '' });
      outputs.push(stdout);
    }

    expect(commands.length).toBeGreaterThanOrEqual(8);
    const lastStatus = commands.findLastIndex((argv) => argv[0] === 'status');
    expect(outputs[lastStatus]).toMatch(/^Latest run\s+.*Emergency left: 0\.$/m);
    expect(outputs.at(-1)).toContain('still blocked: none');
  });
});
