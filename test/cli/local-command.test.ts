import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCaptured, type CliRun } from './cli-harness';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'reaper-cli-'));
  file = path.join(dir, 'local-account.json');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a command with the local account in a file, as separate CLI invocations share it. */
const run = (argv: readonly string[]): Promise<CliRun> => runCaptured(argv, { env: { INSTANCE_REAPER_LOCAL_ACCOUNT: file } });

const saved = () => JSON.parse(readFileSync(file, 'utf8')) as { account: { groups: Record<string, { tags: { key: string }[] }> } };

describe('the local account between commands', () => {
  it('is created from the demo fleet on first use and says so', async () => {
    const { code, stderr } = await run(['plan', '--local']);

    expect(code).toBe(0);
    expect(stderr).toContain('Created the local account');
    expect(existsSync(file)).toBe(true);
  });

  it('keeps what a command changed for the next one', async () => {
    await run(['rotate', '--local', '--group', 'web', '--yes']);

    const { stdout } = await run(['status', '--local']);

    expect(stdout).toMatch(/^Rotations\s+web before /m);
    expect(stdout).toMatch(/^Latest run\s+\S+: Scanned 8 groups/m);
  });

  it('local tick moves the fleet on, then runs the schedule, until the rotation is done', async () => {
    await run(['rotate', '--local', '--group', 'web', '--yes']);

    // Each replacement registers with its load balancer as `initial` and turns healthy a step later: until then its group waits.
    const { code, stdout } = await run(['local', 'tick', '9']);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^step 1: 4 terminated, 5 in service, 0 launched, 0 terminating$/m);
    expect(stdout).toMatch(/^ {2}scheduled run: Scanned 8 groups, .*targets-unhealthy 4.* Emergency left: 5\.$/m);
    expect(stdout).toMatch(/^step 9: .*\n {2}scheduled run: .* Emergency left: 1\.$/m);
    expect(stdout).toMatch(/^web\s+6\s+InService 6$/m);
  });

  it('local tick runs nothing while the reaper is paused', async () => {
    await run(['pause', '--local']);

    const { stdout } = await run(['local', 'tick']);

    expect(stdout).toMatch(/^ {2}no scheduled run \(paused\)$/m);
  });

  it('local reset starts over from the demo fleet', async () => {
    await run(['rotate', '--local', '--group', 'web', '--yes']);

    const { code } = await run(['local', 'reset']);

    expect(code).toBe(0);
    expect(saved().account.groups.web?.tags.map((tag) => tag.key)).not.toContain('instance-reaper:rotate-before');
  });

  it.each([
    ['a step count that is not a number', ['local', 'tick', 'many'], /'local tick' takes a number of steps from 1 to 1000, got 'many'/],
    ['no action', ['local'], /'local' takes 'reset' or 'tick \[N\]'/],
    ['an unknown action', ['local', 'nuke'], /'local' takes 'reset' or 'tick \[N\]', got 'nuke'/],
    ['a malformed AMI to rotate', ['rotate', '--local', '--ami', 'ami-?', '--yes'], /--ami "ami-\?": expected an AMI ID/],
    ['a bad plan override', ['plan', '--local', '--max-terminations', '1.5'], /--max-terminations 1\.5/],
  ])('refuses %s with exit 2 and creates nothing', async (_title, argv, message) => {
    const { code, stderr } = await run(argv);

    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(existsSync(file)).toBe(false);
  });
});
