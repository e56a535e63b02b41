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
  /** The day (0 is Sunday) and minute of `now` in the window's zone. */
  localTime(now: number): { readonly day: number; readonly minute: number };
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WINDOW_PATTERN = /^(\S+)\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})\s+(\S+)$/;

interface LocalTime {
  readonly now: number;
  readonly day: number;
  readonly minute: number;
}

/**
 * A run's time zones, made for the run and dropped with it (the decision core keeps nothing between runs). Creating an
 * Intl.DateTimeFormat costs about a millisecond and every group with a window asks again for the same zones: one
 * formatter a zone. A run asks about one instant for every due instance and formatToParts is slow: the last answer a
 * zone.
 */
export class LocalClocks {
  /** null: not a time zone. */
  readonly #formatters = new Map<string, Intl.DateTimeFormat | null>();
  readonly #lastLocalTime = new Map<string, LocalTime>();

  isTimeZone(zone: string): boolean {
    return this.#formatter(zone) !== null;
  }

  localTime(now: number, timeZone: string): LocalTime {
    const last = this.#lastLocalTime.get(timeZone);
    if (last?.now === now) return last;
    const parts = Object.fromEntries((this.#formatter(timeZone)?.formatToParts(now) ?? []).map((part) => [part.type, part.value]));
    const local = { now, day: DAY_NAMES.indexOf(String(parts.weekday).toLowerCase()), minute: Number(parts.hour) * 60 + Number(parts.minute) };
    this.#lastLocalTime.set(timeZone, local);
    return local;
  }

  #formatter(timeZone: string): Intl.DateTimeFormat | null {
    let formatter = this.#formatters.get(timeZone);
    if (formatter === undefined) {
      try {
        formatter = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      } catch {
        formatter = null;
      }
      this.#formatters.set(timeZone, formatter);
    }
    return formatter;
  }
}

/** A window keeps the clocks it was parsed with (a private field: the window's data is its four fields). */
class ParsedWindow implements MaintenanceWindow {
  readonly #clocks: LocalClocks;

  constructor(
    readonly days: ReadonlySet<number>,
    readonly startMinute: number,
    readonly endMinute: number,
    readonly timeZone: string,
    clocks: LocalClocks,
  ) {
    this.#clocks = clocks;
  }

  localTime(now: number): LocalTime {
    return this.#clocks.localTime(now, this.timeZone);
  }
}

/** `clocks`: the run's, shared by every window it parses; a call of its own without. */
export function parseWindows(expression: string, clocks: LocalClocks = new LocalClocks()): readonly MaintenanceWindow[] | { error: string } {
  const windows: MaintenanceWindow[] = [];
  for (const part of expression.split(';').map((text) => text.trim())) {
    const window = parseWindow(part, clocks);
    if (typeof window === 'string') return { error: `window "${part}": ${window}` };
    windows.push(window);
  }
  return windows;
}

function parseWindow(text: string, clocks: LocalClocks): MaintenanceWindow | string {
  const match = WINDOW_PATTERN.exec(text);
  if (!match) return 'expected DAYS HH:MM-HH:MM ZONE, e.g. Mon-Fri 02:00-05:00 Europe/Berlin';
  const [, dayText = '', startH, startM, endH, endM, timeZone = ''] = match;
  const days = parseDays(dayText);
  if (typeof days === 'string') return days;
  const startMinute = toMinute(startH, startM);
  const endMinute = toMinute(endH, endM);
  if (startMinute === undefined || endMinute === undefined) return 'times must be between 00:00 and 24:00';
  if (startMinute === endMinute) return 'start and end are the same time';
  if (!clocks.isTimeZone(timeZone)) return `unknown time zone "${timeZone}"`;
  return new ParsedWindow(days, startMinute, endMinute, timeZone, clocks);
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

/** True when `now` falls inside any of the windows. */
export function isInsideWindows(windows: readonly MaintenanceWindow[], now: number): boolean {
  return windows.some((window) => {
    const { day, minute } = window.localTime(now);
    if (window.startMinute < window.endMinute) {
      return window.days.has(day) && minute >= window.startMinute && minute < window.endMinute;
    }
    const previousDay = (day + 6) % 7;
    return (window.days.has(day) && minute >= window.startMinute) || (window.days.has(previousDay) && minute < window.endMinute);
  });
}
