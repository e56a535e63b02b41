import { parseArgs } from 'node:util';

/** Policy flags and the configuration variable each one sets: the function validates them itself, as when deployed. */
const POLICY_FLAGS = {
  'max-age-days': 'REAPER_MAX_AGE_DAYS',
  'ami-max-age-days': 'REAPER_AMI_MAX_AGE_DAYS',
  'ami-drift': 'REAPER_AMI_DRIFT',
  'budget': 'REAPER_MAX_TERMINATIONS_PER_GROUP',
  'max-terminations': 'REAPER_MAX_TERMINATIONS',
  'window': 'REAPER_WINDOW',
  'grace-days': 'REAPER_GRACE_DAYS',
  'jitter-percent': 'REAPER_LIFETIME_JITTER_PERCENT',
} as const;

export const USAGE = `Usage: npm start -- [options]

Runs the bundled reaper against a local AWS account holding a demo fleet, once per simulated hour.

  --days N               simulated days to run (default 3)
  --max-age-days N       instance lifetime (default 28)
  --ami-max-age-days N   AMIs older than this are stale (default 90 here; off when deployed)
  --ami-drift BOOL       judge drift from the group's launch template (default true)
  --budget N|P%          per-group budget per run (default 1)
  --max-terminations N   budget per run (default 20)
  --window EXPR          default maintenance window, e.g. "Mon-Fri 02:00-05:00 UTC"
  --grace-days N         days past the lifetime after which windows stop holding (default 7)
  --jitter-percent N     lifetime jitter (default 0)
  --dry-run              decide and report, change nothing
  --forecast             end with when each instance was rotated (or would be, in a dry run)
  --json                 print only JSON: each run's report, one object per line (JSON Lines),
                         nothing else on stdout; for piping, keep npm's own banner off too:
                           npm start --silent -- --json | jq -c '.report.terminated[]'
  --org                  a local organization instead: three accounts report to a central bus
                         (npm start -- --org --help for its options)
  --help                 this text`;

export interface SimulationOptions {
  readonly days: number;
  readonly dryRun: boolean;
  readonly forecast: boolean;
  readonly json: boolean;
  readonly help: boolean;
  /** The function's configuration variables the flags set. */
  readonly environment: Record<string, string>;
}

/** Flag name for a configuration variable, so the function's validation message can name the flag. */
export function flagFor(variable: string): string | undefined {
  const entry = Object.entries(POLICY_FLAGS).find(([, name]) => name === variable);
  return entry ? `--${entry[0]}` : undefined;
}

/** Parses the command line; throws a plain Error naming the bad flag. */
export function parseSimulationOptions(argv: readonly string[]): SimulationOptions {
  const policyOptions = Object.fromEntries(Object.keys(POLICY_FLAGS).map((flag) => [flag, { type: 'string' as const }]));
  const { values } = parseArgs({
    args: [...argv],
    options: {
      ...policyOptions,
      days: { type: 'string', default: '3' },
      'dry-run': { type: 'boolean', default: false },
      forecast: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 60) throw new Error(`--days: expected a whole number from 1 to 60, got "${String(values.days)}"`);
  const environment: Record<string, string> = { REAPER_AMI_MAX_AGE_DAYS: '90', REAPER_DRY_RUN: String(values['dry-run']) };
  for (const [flag, variable] of Object.entries(POLICY_FLAGS)) {
    const value = (values as Record<string, unknown>)[flag];
    if (typeof value === 'string') environment[variable] = value;
  }
  return { days, dryRun: values['dry-run'] === true, forecast: values.forecast === true, json: values.json === true, help: values.help === true, environment };
}
