import { npmStart, type NpmStartOutput } from '../../support/npm-start';

/** Timeline lines whose verb (after the 18-character time column) is `verb`. */
const listed = (stdout: string, verb: string) => stdout.split('\n').filter((line) => /^(\w{3} \d\d \w{3} \d\d:\d\d| {16}) {2}/.test(line) && line.slice(18).startsWith(verb));

const total = (stdout: string, pattern: RegExp): number => Number(pattern.exec(stdout)?.[1] ?? NaN);

describe('npm start', () => {
  let normal: NpmStartOutput;
  let dryRun: NpmStartOutput;
  let json: NpmStartOutput;
  let help: NpmStartOutput;

  beforeAll(async () => {
    [normal, dryRun, json, help] = await Promise.all([npmStart([]), npmStart(['--dry-run']), npmStart(['--json', '--days', '1']), npmStart(['--help'])]);
  });

  it('says the policy it runs with before the runs', () => {
    const [fleet, policy, schedule] = normal.stdout.split('\n');

    expect(normal).toMatchObject({ code: 0, stderr: '' });
    expect(fleet).toMatch(/^instance-reaper on a local account: 8 groups, 28 instances, 3 simulated day\(s\) from Mon 23 Nov 00:00 UTC$/);
    expect(policy).toBe('policy: lifetime 28 d, AMI age limit 90 d, budget 1 per group and 20 per run, window always open, grace 7 d, not a dry run: terminates');
    expect(schedule).toMatch(/^ +one run per simulated hour \(deployed: rate\(.+\)\); group tags: .*queue window Tue,Thu 02:00-04:00 UTC, grace 3 d/);
  });

  it('totals what the runs printed', () => {
    const terminated = listed(normal.stdout, 'terminated');

    expect(terminated.length).toBeGreaterThan(0);
    expect(total(normal.stdout, /^72 runs, (\d+) instance\(s\) rotated,/m)).toBe(terminated.length);
  });

  it('says why a termination outside its group\'s window went ahead', () => {
    const outside = listed(normal.stdout, 'terminated').filter((line) => line.includes('outside its window'));

    expect(outside).toEqual([expect.stringMatching(/ queue: max-age \(31\.0 d old\), outside its window \(Tue,Thu 02:00-04:00 UTC\): past its deadline, lifetime 28 d \+ grace 3 d$/)]);
  });

  it('in a dry run never says capacity was added or instances rotated, and totals what it listed', () => {
    const wouldGo = listed(dryRun.stdout, 'would go');

    expect(dryRun).toMatchObject({ code: 0, stderr: '' });
    expect(dryRun.stdout.split('\n')[1]).toMatch(/^policy: .*DRY RUN: changes nothing$/);
    expect(dryRun.stdout).toContain('would add capacity first');
    expect(dryRun.stdout).not.toMatch(/terminated|capacity added|surge completed|rolled back|rotated|was rotated/);
    expect(wouldGo.length).toBeGreaterThan(0);
    expect(total(dryRun.stdout, /^72 runs, dry run: nothing changed; (\d+) instance\(s\) would rotate/m)).toBe(wouldGo.length);
  });

  it('with --json prints JSON only: one report per run and line on stdout, nothing on stderr', () => {
    const lines = json.stdout.trimEnd().split('\n');

    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect(lines).toHaveLength(24);
    for (const line of lines) expect(JSON.parse(line)).toEqual({ at: expect.any(String), report: expect.objectContaining({ dryRun: false, terminated: expect.any(Array) }) });
  });

  it('documents piping --json in --help', () => {
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('npm start --silent -- --json |');
  });
});
