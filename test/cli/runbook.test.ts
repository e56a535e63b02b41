import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { RunReport } from '../../lambda/model/report';
import { demoAccount, deployed, invokeDeployed, runCaptured } from './cli-harness';

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

/** The `aws lambda invoke` lines of the emergency runbook: the stack output they read, and each payload. */
function handInvocations(): { outputQuery: string; payloads: unknown[] } {
  const text = readFileSync(README, 'utf8');
  const section = text.slice(text.indexOf('**Without the CLI**'), text.indexOf('### Rehearse it locally'));
  const outputQuery = /OutputKey, '(\w+)'/.exec(section)?.[1] ?? '';
  const payloads = [...section.matchAll(/aws lambda invoke .*--payload '([^']+)'/g)].map((match) => JSON.parse(match[1] ?? 'null') as unknown);
  return { outputQuery, payloads };
}

describe('the README runbook, without the CLI', () => {
  it('finds the function by the stack output it names, and its payloads dry-run then rotate the instance', async () => {
    const local = demoAccount();
    const target = local.account.group('web').members[1]?.instanceId ?? '';
    const { outputQuery, payloads } = handInvocations();
    const outputs = local.plane.state.stacks.InstanceReaper?.outputs ?? {};
    const withTarget = (payload: unknown) => JSON.parse(JSON.stringify(payload).replace('i-0123456789abcdef0', target)) as unknown;

    const dryRun = (await invokeDeployed(local, withTarget(payloads[0]))) as RunReport;
    const run = (await invokeDeployed(local, withTarget(payloads[1]))) as RunReport;

    expect(Object.entries(outputs).filter(([key]) => key.includes(outputQuery)).map(([, value]) => value)).toEqual([deployed(local).fn.name]);
    expect(payloads).toHaveLength(2);
    expect(dryRun.dryRun).toBe(true);
    expect(dryRun.terminated.find((entry) => entry.instanceId === target)?.reasons).toContain('targeted');
    expect(run.dryRun).toBe(false);
    expect(run.terminated.find((entry) => entry.instanceId === target)?.reasons).toContain('targeted');
  });
});
