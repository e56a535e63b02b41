import type { AwsClients } from '../../lambda/clients';
import { mergeRunPolicy, type RunSettings } from '../../lambda/config/load-run-policy';
import { simulatePlan } from '../../lambda/execute/execute-plan';
import type { RunReport } from '../../lambda/model/report';
import { buildReport } from '../../lambda/report/build-report';
import { decideRun } from '../../lambda/run-reaper';
import { withProgress, type CommandContext } from '../command-context';
import { readConfiguredPolicy } from '../configured-policy';
import { describePolicy } from '../describe-policy';
import { emergencyLeftBeforeRun } from '../emergency-left';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { forecastOptions } from '../forecast/forecast-options';
import { planForecast } from '../forecast/plan-forecast';
import { formatReport } from '../format-report';
import { checkNamedTargets } from '../named-targets';
import { overridesFromOptions, validateOverrides } from '../overrides-event';

/** The next run's report as a dry run, and the emergency rotation left before it; `plan --org` decides the same in every member account. Reads only. */
export async function decideNextRun(clients: AwsClients, settings: RunSettings, now: number): Promise<{ report: RunReport; emergencyLeft: number }> {
  const { plan, evaluation } = await decideRun(clients, settings, now);
  const report = buildReport(plan, simulatePlan(plan), evaluation);
  return { report, emergencyLeft: emergencyLeftBeforeRun(report, evaluation) };
}

/**
 * What the next run would do (with `--forecast DAYS`, every run over those days): the function's own read-and-decide step (`decideRun`) with the
 * deployed policy and the flags as a manual invocation's overrides, as a dry run. Changes nothing.
 */
export async function planCommand(context: CommandContext): Promise<ExitCode> {
  const forecast = forecastOptions(context.options);
  if (forecast) return planForecast(context, forecast);
  const overrides = overridesFromOptions(context.options);
  const event = validateOverrides({ ...overrides, dryRun: true });
  await checkNamedTargets(context, event);
  const policy = await readConfiguredPolicy(context);
  const { report, emergencyLeft } = await withProgress(context, 'Reading the fleet', () => decideNextRun(context.clients, mergeRunPolicy(policy.env, event), context.io.now()));
  const flags = Object.keys(overrides).length > 0 ? `\nOverrides: ${JSON.stringify(overrides)}` : '';
  const header = `Policy of ${policy.source}: ${describePolicy(policy.env).join('; ')}${flags}`;
  context.output.result(`${header}\n\n${formatReport(report, 'plan', emergencyLeft)}`, { ...report, emergencyLeft });
  return EXIT_CODES.ok;
}
