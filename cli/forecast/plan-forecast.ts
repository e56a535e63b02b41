import { loadEnv, mergeRunPolicy, type RunSettings } from '../../lambda/config/load-run-policy';
import { SimulatedClock } from '../../local/simulation/simulated-clock';
import { withProgress, type CommandContext } from '../command-context';
import { readConfiguredPolicy, type ConfiguredPolicy } from '../configured-policy';
import { describePolicy } from '../describe-policy';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { checkNamedTargets } from '../named-targets';
import { overridesFromOptions, validateOverrides } from '../overrides-event';
import { copyFleet } from './copy-fleet';
import type { ForecastOptions } from './forecast-options';
import { runForecast } from './forecast-loop';
import { forecastJson, type ForecastSetting } from './forecast-view';
import { formatForecastResult } from './format-forecast-result';
import { readSourceFleet } from './read-source-fleet';
import { scheduleInterval } from './schedule-interval';

const DAY_MS = 86_400_000;

interface ForecastPolicy {
  readonly settings: RunSettings;
  readonly overrides: Record<string, unknown>;
  readonly description: readonly string[];
  readonly notes: readonly string[];
}

/**
 * The deployed policy with the flags: event fields as a manual invocation's (applied to every run),
 * `--window`/`--grace-days` as configuration. The copy is acted on, so a deployed dry run is set aside.
 */
function forecastPolicy(context: CommandContext, policy: ConfiguredPolicy, forecast: ForecastOptions): ForecastPolicy {
  const fields = overridesFromOptions(context.options);
  const env = loadEnv({ ...policy.deployment?.environment, ...forecast.environment });
  const settings = mergeRunPolicy(env, validateOverrides({ ...fields, dryRun: false }));
  const notes = env.REAPER_DRY_RUN ? ['the deployed reaper is in dry run: this is what it would do once live.'] : [];
  return { settings, overrides: { ...fields, ...forecast.given }, description: describePolicy({ ...env, REAPER_DRY_RUN: false }), notes };
}

/**
 * `plan --forecast DAYS`: reads the fleet once, read-only, copies it into a private in-memory account
 * served on 127.0.0.1, and runs the function's own read-decide-act against that copy once per
 * schedule interval on simulated time. The operator's account only ever sees the first read.
 */
export async function planForecast(context: CommandContext, forecast: ForecastOptions): Promise<ExitCode> {
  const fields = validateOverrides(overridesFromOptions(context.options));
  await checkNamedTargets(context, fields);
  const configured = await readConfiguredPolicy(context);
  const policy = forecastPolicy(context, configured, forecast);
  const schedule = await scheduleInterval(context, configured.deployment, forecast.intervalMs);
  const start = context.io.now();
  const source = await withProgress(context, 'Reading the fleet', () => readSourceFleet(context.clients, policy.settings, start));
  const clock = new SimulatedClock(start);
  const copy = copyFleet(source, policy.settings, clock.now);
  const runs = Math.max(1, Math.floor((forecast.days * DAY_MS) / schedule.intervalMs));
  const sourceInstanceIds = new Set(source.snapshot.instances.keys());
  const result = await withProgress(context, `Forecasting ${runs} runs on a private copy`, () =>
    runForecast({ account: copy.account, clock, settings: { ...policy.settings, stateKeyArn: copy.stateKeyArn }, start, intervalMs: schedule.intervalMs, runs, sourceInstanceIds, observer: context.calls }),
  );
  const setting: ForecastSetting = {
    policySource: configured.source,
    policy: policy.description,
    overrides: policy.overrides,
    days: forecast.days,
    start,
    intervalMs: schedule.intervalMs,
    intervalSource: schedule.source,
    scanned: result.last.scanned,
    gates: source.gates,
    notes: [...schedule.notes, ...policy.notes, ...copy.notes],
  };
  context.output.result(formatForecastResult(result, setting), forecastJson(result, setting));
  return EXIT_CODES.ok;
}
