/**
 * Maintenance windows: `DAYS HH:MM-HH:MM ZONE`, several joined by `;`.
 * DAYS is a day (`Mon`), a range (`Mon-Fri`, may wrap: `Fri-Mon`) or a comma list of those (`Sat,Sun`).
 * An end before the start crosses midnight (the window belongs to the day it starts on).
 * Times are local wall-clock times in the IANA zone, so daylight-saving changes follow the zone.
 */

export interface MaintenanceWindow {
  readonly days: ReadonlySet<number>;
  readonly startMinute: number;
  readonly endMinute: number;
  readonly timeZone: string;
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WINDOW_PATTERN = /^(\S+)\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})\s+(\S+)$/;

export function parseWindows(expression: string): readonly MaintenanceWindow[] | { error: string } {
  const windows: MaintenanceWindow[] = [];
  for (const part of expression.split(';').map((text) => text.trim())) {
    const window = parseWindow(part);
    if (typeof window === 'string') return { error: `window "${part}": ${window}` };
    windows.push(window);
  }
  return windows;
}

function parseWindow(text: string): MaintenanceWindow | string {
  const match = WINDOW_PATTERN.exec(text);
  if (!match) return 'expected DAYS HH:MM-HH:MM ZONE, e.g. Mon-Fri 02:00-05:00 Europe/Berlin';
  const [, dayText = '', startH, startM, endH, endM, timeZone = ''] = match;
  const days = parseDays(dayText);
  if (typeof days === 'string') return days;
  const startMinute = toMinute(startH, startM);
  const endMinute = toMinute(endH, endM);
  if (startMinute === undefined || endMinute === undefined) return 'times must be between 00:00 and 24:00';
  if (startMinute === endMinute) return 'start and end are the same time';
  if (!isTimeZone(timeZone)) return `unknown time zone "${timeZone}"`;
  return { days, startMinute, endMinute, timeZone };
}

function parseDays(text: string): ReadonlySet<number> | string {
  const days = new Set<number>();
  for (const item of text.split(',')) {
    const [from, to, extra] = item.split('-').map((day) => DAY_NAMES.indexOf(day.toLowerCase()));
    if (from === undefined || from < 0 || extra !== undefined || (to !== undefined && to < 0)) {
      return `unknown days "${text}": use Mon..Sun, ranges like Mon-Fri and lists like Sat,Sun`;
    }
    const last = to ?? from;
    for (let day = from; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === last) break;
    }
  }
  return days;
}

function toMinute(hours: string | undefined, minutes: string | undefined): number | undefined {
  const minute = Number(hours) * 60 + Number(minutes);
  return Number(minutes) < 60 && minute <= 24 * 60 ? minute : undefined;
}

// Creating an Intl.DateTimeFormat costs about a millisecond; every group with a window tag asks again for the same zones.
const knownZones = new Map<string, boolean>();

function isTimeZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    knownZones.set(zone, known);
  }
  return known;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
// A run asks about one instant for every due instance: remember the last answer per zone (formatToParts is slow).
const lastLocalTime = new Map<string, { now: number; day: number; minute: number }>();

function localDayAndMinute(now: number, timeZone: string): { day: number; minute: number } {
  const last = lastLocalTime.get(timeZone);
  if (last?.now === now) return last;
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(now).map((part) => [part.type, part.value]));
  const day = DAY_NAMES.indexOf(String(parts.weekday).toLowerCase());
  const local = { now, day, minute: Number(parts.hour) * 60 + Number(parts.minute) };
  lastLocalTime.set(timeZone, local);
  return local;
}

/** True when `now` falls inside any of the windows. */
export function isInsideWindows(windows: readonly MaintenanceWindow[], now: number): boolean {
  return windows.some((window) => {
    const { day, minute } = localDayAndMinute(now, window.timeZone);
    if (window.startMinute < window.endMinute) {
      return window.days.has(day) && minute >= window.startMinute && minute < window.endMinute;
    }
    const previousDay = (day + 6) % 7;
    return (window.days.has(day) && minute >= window.startMinute) || (window.days.has(previousDay) && minute < window.endMinute);
  });
}
