import { parseArgs } from 'node:util';
import { STOPPED_AFTER_INTERVALS } from './central-view';

export const ORG_USAGE = `Usage: npm start -- --org [options]

Runs the bundled reaper in three local member accounts of a local organization, once per simulated hour each,
every run sending its summary to the central bus of a fourth (central) account; prints the central view as it
converges, then disables one account's schedule and shows the view naming it as stopped (no summary for more than
${STOPPED_AFTER_INTERVALS} schedule intervals).

  --hours N        simulated hours to run (default 12)
  --stop NAME      the member account whose schedule is disabled: production, staging or sandbox (default sandbox)
  --stop-at N      the hour at which it is disabled (default: a third of the way through)
  --view-every N   print the central view every N hours (default 3), and after the last run
  --json           print only JSON: one object per line (JSON Lines): each central view, and the schedule change
  --help           this text`;

export interface OrgSimulationOptions {
  readonly hours: number;
  readonly stop: string;
  readonly stopAt: number;
  readonly viewEvery: number;
  readonly json: boolean;
  readonly help: boolean;
}

const MEMBERS = ['production', 'staging', 'sandbox'];

function wholeNumber(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw new Error(`--${flag}: expected a whole number from ${min} to ${max}, got "${value}"`);
  return number;
}

/** Parses `--org` and its options; throws a plain Error naming the bad flag. */
export function parseOrgSimulationOptions(argv: readonly string[]): OrgSimulationOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      org: { type: 'boolean' },
      hours: { type: 'string' },
      stop: { type: 'string', default: 'sandbox' },
      'stop-at': { type: 'string' },
      'view-every': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const hours = wholeNumber('hours', values.hours, 2, 24 * 14) ?? 12;
  const stop = values.stop ?? 'sandbox';
  if (!MEMBERS.includes(stop)) throw new Error(`--stop: expected one of ${MEMBERS.join(', ')}, got "${stop}"`);
  const stopAt = wholeNumber('stop-at', values['stop-at'], 1, hours - 1) ?? Math.max(1, Math.floor(hours / 3));
  const viewEvery = wholeNumber('view-every', values['view-every'], 1, hours) ?? 3;
  return { hours, stop, stopAt, viewEvery, json: values.json === true, help: values.help === true };
}
