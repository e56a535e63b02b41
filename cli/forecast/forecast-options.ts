import { loadEnv } from '../../lambda/config/load-run-policy';
import { InvalidInputError } from '../../lambda/errors';
import { UsageError } from '../errors';
import type { CliOptions } from '../parse-cli-args';

export const MAX_FORECAST_DAYS = 30;
const MINUTE_MS = 60_000;

/** `plan --forecast DAYS` and the flags only a forecast takes. */
export interface ForecastOptions {
  readonly days: number;
  /** `--every`; undefined: the deployed schedule's rate, else 15 minutes. */
  readonly intervalMs?: number;
  /** Configuration the forecast overrides (`--window`, `--grace-days`), as the function's variables. */
  readonly environment: Readonly<Record<string, string>>;
  /** The same, as the operator gave them, for the header. */
  readonly given: Readonly<Record<string, string>>;
}

const FLAG_OF_VARIABLE: Readonly<Record<string, string>> = { REAPER_WINDOW: '--window', REAPER_GRACE_DAYS: '--grace-days' };

function days(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > MAX_FORECAST_DAYS) {
    throw new UsageError(`--forecast ${JSON.stringify(text)}: expected a whole number of days from 1 to ${MAX_FORECAST_DAYS}`);
  }
  return value;
}

/** `Nm` or `Nh`, as the usage text says: whole minutes or hours, from one minute (EventBridge's shortest rate) to a day. */
function interval(text: string): number {
  const match = /^(\d+)([mh])$/.exec(text.trim());
  const ms = match ? Number(match[1]) * (match[2] === 'h' ? 60 : 1) * MINUTE_MS : Number.NaN;
  if (!(ms >= MINUTE_MS && ms <= 24 * 60 * MINUTE_MS)) {
    throw new UsageError(`--every ${JSON.stringify(text)}: expected an interval such as 15m or 1h: whole minutes (Nm) or hours (Nh), from 1m to 24h`);
  }
  return ms;
}

/** Validated by the function's own configuration schema, so a forecast takes exactly the windows a deployment would. */
function environment(options: CliOptions): Record<string, string> {
  const variables: Record<string, string> = {};
  if (options.window !== undefined) variables.REAPER_WINDOW = options.window;
  if (options.graceDays !== undefined) variables.REAPER_GRACE_DAYS = options.graceDays;
  try {
    loadEnv(variables);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const issues = error.issues.map((issue) => issue.replace(/^REAPER_[A-Z_]+/, (variable) => `${FLAG_OF_VARIABLE[variable] ?? variable} ${JSON.stringify(variables[variable])}`));
    throw new UsageError(issues.join('\n'), { cause: error });
  }
  return variables;
}

/** The forecast's options, checked before anything is read; undefined for a plain `plan`. */
export function forecastOptions(options: CliOptions): ForecastOptions | undefined {
  if (options.forecast === undefined) {
    const given = [options.every !== undefined && '--every', options.window !== undefined && '--window', options.graceDays !== undefined && '--grace-days'].filter(Boolean);
    if (given.length > 0) throw new UsageError(`${given.join(', ')} only apply with --forecast DAYS`);
    return undefined;
  }
  return {
    days: days(options.forecast),
    ...(options.every !== undefined ? { intervalMs: interval(options.every) } : {}),
    environment: environment(options),
    given: Object.fromEntries(Object.entries({ window: options.window, graceDays: options.graceDays }).filter(([, value]) => value !== undefined)) as Record<string, string>,
  };
}
