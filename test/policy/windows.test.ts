import { isInsideWindows, parseWindows, type MaintenanceWindow } from '../../lambda/policy/windows';

function windows(expression: string): readonly MaintenanceWindow[] {
  const parsed = parseWindows(expression);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

const at = (iso: string) => Date.parse(iso);

describe('isInsideWindows', () => {
  it.each<[string, string, string, boolean]>([
    // 2026-11-24 is a Tuesday; Europe/Berlin is UTC+1 in winter, UTC+2 in summer.
    ['weekday window, 03:00 Berlin on a Tuesday: inside', 'Mon-Fri 02:00-05:00 Europe/Berlin', '2026-11-24T02:00:00Z', true],
    ['start is inclusive: 02:00 Berlin exactly: inside', 'Mon-Fri 02:00-05:00 Europe/Berlin', '2026-11-24T01:00:00Z', true],
    ['end is exclusive: 05:00 Berlin exactly: outside', 'Mon-Fri 02:00-05:00 Europe/Berlin', '2026-11-24T04:00:00Z', false],
    ['one minute before the start: outside', 'Mon-Fri 02:00-05:00 Europe/Berlin', '2026-11-24T00:59:00Z', false],
    ['zone honoured: 02:30 UTC is 03:30 Berlin: inside, though 02:30 is outside in UTC terms', 'Mon-Fri 03:00-04:00 Europe/Berlin', '2026-11-24T02:30:00Z', true],
    ['summer time: 03:00 UTC is 05:00 CEST: outside', 'Mon-Fri 02:00-05:00 Europe/Berlin', '2026-07-01T03:00:00Z', false],
    ['summer time: 00:30 UTC is 02:30 CEST: inside', 'Mon-Fri 02:00-05:00 Europe/Berlin', '2026-07-01T00:30:00Z', true],
    ['weekend day on a weekday window: outside', 'Mon-Fri 02:00-05:00 Europe/Berlin', '2026-11-28T02:00:00Z', false],
    ['list Sat,Sun on a Saturday: inside', 'Sat,Sun 00:00-06:00 Europe/Berlin', '2026-11-28T02:00:00Z', true],
    ['list Sat,Sun on a Tuesday: outside', 'Sat,Sun 00:00-06:00 Europe/Berlin', '2026-11-24T02:00:00Z', false],
    ['mixed list Mon-Wed,Fri on a Friday: inside', 'Mon-Wed,Fri 10:00-11:00 UTC', '2026-11-27T10:30:00Z', true],
    ['mixed list Mon-Wed,Fri on a Thursday: outside', 'Mon-Wed,Fri 10:00-11:00 UTC', '2026-11-26T10:30:00Z', false],
    ['second of two windows holds: inside', 'Mon-Fri 02:00-05:00 Europe/Berlin; Sat,Sun 00:00-06:00 Europe/Berlin', '2026-11-29T04:00:00Z', true],
    ['neither of two windows holds: outside', 'Mon-Fri 02:00-05:00 Europe/Berlin; Sat,Sun 00:00-06:00 Europe/Berlin', '2026-11-24T11:00:00Z', false],
    ['crossing midnight: Fri 22:00-06:00, Friday 23:00: inside', 'Fri 22:00-06:00 UTC', '2026-11-27T23:00:00Z', true],
    ['crossing midnight: Fri 22:00-06:00, Saturday 05:59: inside (belongs to Friday)', 'Fri 22:00-06:00 UTC', '2026-11-28T05:59:00Z', true],
    ['crossing midnight: Fri 22:00-06:00, Saturday 06:00: outside', 'Fri 22:00-06:00 UTC', '2026-11-28T06:00:00Z', false],
    ['crossing midnight: Fri 22:00-06:00, Saturday 23:00: outside (Saturday is not a start day)', 'Fri 22:00-06:00 UTC', '2026-11-28T23:00:00Z', false],
    ['crossing midnight: Fri 22:00-06:00, Friday 03:00: outside (Thursday is not a start day)', 'Fri 22:00-06:00 UTC', '2026-11-27T03:00:00Z', false],
    ['wrap-around range Fri-Mon on a Sunday: inside', 'Fri-Mon 10:00-12:00 UTC', '2026-11-29T11:00:00Z', true],
    ['wrap-around range Fri-Mon on a Monday: inside', 'Fri-Mon 10:00-12:00 UTC', '2026-11-30T11:00:00Z', true],
    ['wrap-around range Fri-Mon on a Wednesday: outside', 'Fri-Mon 10:00-12:00 UTC', '2026-11-25T11:00:00Z', false],
    ['end 24:00 is the end of the day: 23:59: inside', 'Tue 23:00-24:00 UTC', '2026-11-24T23:59:00Z', true],
    ['lower-case day names: inside', 'tue 11:00-13:00 utc', '2026-11-24T12:00:00Z', true],
    // Spring forward, 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC); Sun 02:00-04:00 lasts one real hour.
    ['DST start day: 00:30 UTC is 01:30 CET: outside', 'Sun 02:00-04:00 Europe/Berlin', '2026-03-29T00:30:00Z', false],
    ['DST start day: 01:00 UTC is 03:00 CEST: inside', 'Sun 02:00-04:00 Europe/Berlin', '2026-03-29T01:00:00Z', true],
    ['DST start day: 01:59 UTC is 03:59 CEST: inside', 'Sun 02:00-04:00 Europe/Berlin', '2026-03-29T01:59:00Z', true],
    ['DST start day: 02:00 UTC is 04:00 CEST: outside', 'Sun 02:00-04:00 Europe/Berlin', '2026-03-29T02:00:00Z', false],
    // Fall back, 2026-10-25: 03:00 CEST falls back to 02:00 CET (01:00 UTC); Sun 02:00-04:00 lasts three real hours.
    ['DST end day: 23:59 UTC Saturday is 01:59 CEST: outside', 'Sun 02:00-04:00 Europe/Berlin', '2026-10-24T23:59:00Z', false],
    ['DST end day: 00:00 UTC is 02:00 CEST: inside', 'Sun 02:00-04:00 Europe/Berlin', '2026-10-25T00:00:00Z', true],
    ['DST end day: 01:30 UTC is the second 02:30 (CET): inside', 'Sun 02:00-04:00 Europe/Berlin', '2026-10-25T01:30:00Z', true],
    ['DST end day: 02:59 UTC is 03:59 CET: inside', 'Sun 02:00-04:00 Europe/Berlin', '2026-10-25T02:59:00Z', true],
    ['DST end day: 03:00 UTC is 04:00 CET: outside', 'Sun 02:00-04:00 Europe/Berlin', '2026-10-25T03:00:00Z', false],
  ])('%s', (_title, expression, time, inside) => {
    expect(isInsideWindows(windows(expression), at(time))).toBe(inside);
  });
});

describe('parseWindows', () => {
  it('parses days, minutes and zone of each window', () => {
    expect(parseWindows('Mon-Fri 02:00-05:30 Europe/Berlin; Sat,Sun 22:00-06:00 UTC')).toEqual([
      { days: new Set([1, 2, 3, 4, 5]), startMinute: 120, endMinute: 330, timeZone: 'Europe/Berlin' },
      { days: new Set([6, 0]), startMinute: 1320, endMinute: 360, timeZone: 'UTC' },
    ]);
  });

  it('expands a wrap-around range Fri-Mon to Fri, Sat, Sun, Mon', () => {
    expect([...windows('Fri-Mon 01:00-02:00 UTC')[0]!.days]).toEqual([5, 6, 0, 1]);
  });

  it.each<[string, string, string]>([
    ['empty', '', 'expected DAYS HH:MM-HH:MM ZONE'],
    ['no zone', 'Mon-Fri 02:00-05:00', 'expected DAYS HH:MM-HH:MM ZONE'],
    ['no days', '02:00-05:00 UTC', 'expected DAYS HH:MM-HH:MM ZONE'],
    ['unknown day', 'Mon-Fry 02:00-05:00 UTC', 'unknown days "Mon-Fry"'],
    ['unknown start day', 'Funday 02:00-05:00 UTC', 'unknown days'],
    ['range of three', 'Mon-Wed-Fri 02:00-05:00 UTC', 'unknown days'],
    ['hour 25', 'Mon 25:00-26:00 UTC', 'between 00:00 and 24:00'],
    ['minute 60', 'Mon 02:60-05:00 UTC', 'between 00:00 and 24:00'],
    ['past 24:00', 'Mon 02:00-24:01 UTC', 'between 00:00 and 24:00'],
    ['start equals end', 'Mon 02:00-02:00 UTC', 'same time'],
    ['unknown zone', 'Mon 02:00-05:00 Mars/Olympus', 'unknown time zone "Mars/Olympus"'],
    ['one good and one bad window', 'Mon 02:00-05:00 UTC; Tue 2am-5am UTC', 'window "Tue 2am-5am UTC"'],
    ['trailing separator', 'Mon 02:00-05:00 UTC;', 'window ""'],
  ])('a malformed expression (%s) is an error that says what is wrong', (_title, expression, message) => {
    const parsed = parseWindows(expression);
    expect(parsed).toEqual({ error: expect.stringContaining(message) });
  });
});
