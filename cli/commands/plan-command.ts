import { mergeRunPolicy } from '../../lambda/config/load-run-policy';
import { simulatePlan } from '../../lambda/execute/execute-plan';
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
  const settings = mergeRunPolicy(policy.env, event);
  const { report, emergencyLeft } = await withProgress(context, 'Reading the fleet', async () => {
    const { plan, evaluation } = await decideRun(context.clients, settings, context.io.now());
    const decided = buildReport(plan, simulatePlan(plan));
    return { report: decided, emergencyLeft: emergencyLeftBeforeRun(decided, evaluation) };
  });
  const flags = Object.keys(overrides).length > 0 ? `\nOverrides: ${JSON.stringify(overrides)}` : '';
  const header = `Policy of ${policy.source}: ${describePolicy(policy.env).join('; ')}${flags}`;
  context.output.result(`${header}\n\n${formatReport(report, 'plan', emergencyLeft)}`, { ...report, emergencyLeft });
  return EXIT_CODES.ok;
}
