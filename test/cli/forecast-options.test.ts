import { UsageError } from '../../cli/errors';
import { forecastOptions } from '../../cli/forecast/forecast-options';
import { parseCliArgs } from '../../cli/parse-cli-args';
import { USAGE } from '../../cli/usage';

const every = (interval: string) => forecastOptions(parseCliArgs(['plan', '--forecast', '3', '--every', interval]).options)?.intervalMs;

describe('--every takes what the usage text says: whole minutes (Nm) or hours (Nh), from 1m to 24h', () => {
  it('is documented as that grammar', () => {
    expect(USAGE).toContain('[--every Nm|Nh]');
    expect(USAGE).toMatch(/whole minutes or hours,\s+1m to 24h/);
  });

  it.each([
    ['1m', 60_000],
    ['15m', 900_000],
    ['90m', 5_400_000],
    ['1h', 3_600_000],
    ['24h (the longest)', 86_400_000],
    ['1440m (24h in minutes)', 86_400_000],
  ])('takes %s', (interval, ms) => {
    expect(every(interval.split(' ')[0] ?? '')).toBe(ms);
  });

  it.each([
    ['0m (shorter than a minute)', '0m'],
    ['25h (longer than a day)', '25h'],
    ['1441m (longer than a day)', '1441m'],
    ['seconds', '30s'],
    ['a bare number', '15'],
    ['a fraction', '1.5h'],
    ['a unit spelt out', '15 minutes'],
    ['two units', '2h30m'],
  ])('refuses %s, naming the flag and what it takes', (_title, interval) => {
    expect(() => every(interval)).toThrow(UsageError);
    expect(() => every(interval)).toThrow(`--every ${JSON.stringify(interval)}: expected an interval such as 15m or 1h: whole minutes (Nm) or hours (Nh), from 1m to 24h`);
  });
});
