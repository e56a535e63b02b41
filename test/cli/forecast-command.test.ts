import type { LocalAccount } from '../../local/local-account-store';
import { demoAccount, deployed, mutatingActions, runLocal } from './cli-harness';

interface ForecastJson {
  readonly intervalMinutes: number;
  readonly runs: number;
  readonly rotations: readonly { at: string; instanceId: string; group: string; reasons: string[]; timeZone?: string }[];
  readonly stillDue: readonly { group: string; why: string }[];
  readonly perDay: readonly { date: string; rotations: number }[];
  readonly heldAsRead: { readonly instanceRefreshes: readonly string[] };
}

let local: LocalAccount;

beforeEach(() => {
  local = demoAccount();
});

describe('plan --local --forecast', () => {
  it('lists when each instance would be rotated, what is still due at the end and why, and rotations per day', async () => {
    const { code, stdout } = await runLocal(local, ['plan', '--local', '--forecast', '1']);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^1 day\(s\) from .* UTC: 96 runs, one every 15 minutes \(the deployed schedule, rate\(15 minutes\)\)/m);
    expect(stdout).toMatch(/^Held as read now, for the whole forecast: alarms in ALARM: none; unhealthy targets: none; instance refreshes under way: search\./m);
    // The demo's queue group has a Tue,Thu window: whether its column shows depends on the day the test runs.
    expect(stdout).toMatch(/^WHEN \(UTC\)\s+(WINDOW TIME\s+)?INSTANCE\s+GROUP\s+AGE\s+REASONS$/m);
    expect(stdout).toMatch(/^\w{3} \d\d \w{3,4} \d\d:\d\d\s+(-\s+)?i-\w+\s+web\s+45\.0d\s+max-age,ami-drift$/m);
    expect(stdout).toMatch(/^i-\w+\s+payments\s+9\d\.\dd\s+max-age,ami-drift\s+exempt$/m);
    expect(stdout).toMatch(/^Rotations per day \(UTC\):\n {2}\w{3} \d\d \w{3,4}\s+\d+$/m);
    expect(stdout).toMatch(/^\d+ rotation\(s\) in 96 runs; \d+ still due at the end \(.*exempt 3.*\); 1 unmanaged; errors 0\.$/m);
  });

  it('changes nothing in the account it reads: no mutating call, no instance touched', async () => {
    const before = local.account.serialize();

    const { stdout } = await runLocal(local, ['plan', '--local', '--forecast', '1', '--every', '1h']);

    expect(stdout).toMatch(/^[1-9]\d* rotation\(s\) in 24 runs/m);
    expect(local.account.calls.length).toBeGreaterThan(0);
    expect(mutatingActions(local)).toEqual([]);
    expect(local.account.serialize()).toBe(before);
  });

  it('prints the rotations as JSON with --json, and only that on stdout', async () => {
    const { code, stdout } = await runLocal(local, ['plan', '--local', '--forecast', '2', '--every', '1h', '--json']);
    const forecast = JSON.parse(stdout) as ForecastJson;

    expect(code).toBe(0);
    expect([forecast.runs, forecast.intervalMinutes]).toEqual([48, 60]);
    expect(forecast.rotations.map((rotation) => rotation.group)).toEqual(expect.arrayContaining(['web', 'api', 'batch', 'legacy', 'bastion']));
    expect(forecast.rotations.every((rotation) => !Number.isNaN(Date.parse(rotation.at)))).toBe(true);
    expect(forecast.perDay.reduce((sum, day) => sum + day.rotations, 0)).toBe(forecast.rotations.length);
    expect(forecast.stillDue.filter((entry) => entry.group === 'payments').map((entry) => entry.why)).toEqual(['exempt', 'exempt', 'exempt']);
    expect(forecast.heldAsRead.instanceRefreshes).toEqual(['search']);
  });

  it('forecasts with --window and --grace-days as the default window, for the forecast only', async () => {
    const { stdout } = await runLocal(local, ['plan', '--local', '--forecast', '2', '--every', '1h', '--json', '--window', 'Mon-Sun 02:00-04:00 Europe/Berlin', '--grace-days', '60']);
    const forecast = JSON.parse(stdout) as ForecastJson;
    const berlinHour = (at: string) => Number(new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Berlin' }));

    const routine = forecast.rotations.filter((rotation) => rotation.group !== 'queue');
    expect(routine.length).toBeGreaterThan(0);
    expect(routine.every((rotation) => rotation.timeZone === 'Europe/Berlin' && berlinHour(rotation.at) >= 2 && berlinHour(rotation.at) < 4)).toBe(true);
    expect(deployed(local).fn.environment.REAPER_WINDOW).toBeUndefined();
  });

  it('says when the deployed reaper is paused or in dry run, and forecasts it live', async () => {
    deployed(local).rule.state = 'DISABLED';
    deployed(local).fn.environment.REAPER_DRY_RUN = 'true';

    const { stdout } = await runLocal(local, ['plan', '--local', '--forecast', '1', '--every', '2h']);

    expect(stdout).toContain('Note: The deployed schedule is disabled (paused): the forecast assumes it runs.');
    expect(stdout).toContain('Note: the deployed reaper is in dry run: this is what it would do once live.');
    expect(stdout).toMatch(/^[1-9]\d* rotation\(s\) in 12 runs/m);
  });

  it.each([
    ['no days', ['--forecast', '0'], /--forecast "0": expected a whole number of days from 1 to 30/],
    ['more than 30 days', ['--forecast', '31'], /--forecast "31": expected a whole number of days from 1 to 30/],
    ['days that are not a number', ['--forecast', 'week'], /--forecast "week": expected a whole number of days/],
    ['a missing value', ['--forecast'], /--forecast <value>' argument missing/],
    ['an interval in seconds', ['--forecast', '3', '--every', '30s'], /--every "30s": expected an interval such as 15m or 1h/],
    ['a malformed window', ['--forecast', '3', '--window', 'nights'], /--window "nights": window "nights": expected DAYS HH:MM-HH:MM ZONE/],
    ['a grace that is not a number', ['--forecast', '3', '--grace-days', 'long'], /--grace-days "long": expected a number/],
    ['a forecast flag without --forecast', ['--window', 'Mon 02:00-04:00 UTC'], /--window only apply with --forecast DAYS/],
  ])('refuses %s with exit 2 naming the flag, before any AWS call', async (_title, flags, message) => {
    const { code, stderr, stdout } = await runLocal(local, ['plan', '--local', ...flags]);

    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
    expect(local.account.calls).toEqual([]);
  });
});
