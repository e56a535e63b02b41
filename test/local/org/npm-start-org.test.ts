import { DEMO_ORG } from '../../../local/org/demo-org';
import { npmStart, type NpmStartOutput } from '../../support/npm-start';

const sandbox = DEMO_ORG.members.find((member) => member.name === 'sandbox');

describe('npm start -- --org', () => {
  let json: NpmStartOutput;
  let text: NpmStartOutput;

  beforeAll(async () => {
    json = await npmStart(['--org', '--hours', '6', '--stop-at', '1', '--view-every', '5', '--json']);
    text = await npmStart(['--org', '--hours', '2', '--stop', 'staging', '--stop-at', '1']);
  });

  it('with --json prints the schedule change and each view as JSON Lines; the last view names the silent account only', () => {
    const lines = json.stdout.trimEnd().split('\n').map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON line: ${line}\nstderr: ${json.stderr}`);
      }
    });
    const last = lines.at(-1) as { view: { accounts: unknown[]; stoppedReporting: { account: string }[] } };

    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect(lines[0]).toEqual({ at: '2026-11-23T00:00:00.000Z', view: expect.any(Object) });
    expect(lines).toContainEqual({ at: expect.stringMatching(/^2026-11-23T01:00/), scheduleDisabled: 'sandbox' });
    expect(last.view.accounts).toHaveLength(3);
    expect(last.view.stoppedReporting.map((row) => row.account)).toEqual([sandbox?.accountId]);
  });

  it('prints the organization, the schedule change and the central view as text', () => {
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toMatch(/^instance-reaper on a local organization o-[a-z0-9]{10}: 3 member accounts/);
    expect(text.stdout).toContain('staging: schedule disabled, its reaper stops reporting');
    expect(text.stdout).toMatch(/Central view at Mon 23 Nov 01:00 UTC/);
    expect(text.stdout).toContain('stopped reporting: none');
  });

  it('names a bad flag and shows the usage, with exit code 2', async () => {
    const bad = await npmStart(['--org', '--stop', 'nobody']);

    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--stop: expected one of production, staging, sandbox, got "nobody"');
    expect(bad.stderr).toContain('Usage: npm start -- --org');
  });
});
