/*
 * `npm start`: the bundle `cdk synth` deploys, run once per simulated hour against a local AWS account
 * holding a demo fleet. No AWS account, no network: everything answers on 127.0.0.1.
 */
import type { ReaperEnv } from '../lambda/config/env-schema';
import { loadEnv } from '../lambda/config/load-run-policy';
import type { RunReport, TerminatedEntry } from '../lambda/model/report';
import { DEMO, seedDemoFleet } from './demo-fleet';
import { ORG_USAGE, parseOrgSimulationOptions } from './org/org-simulation-options';
import { simulateOrganization } from './org/simulate-org';
import { FakeAccount } from './fake-aws/account';
import { startFakeAws } from './fake-aws/server';
import { localStateKey } from './local-state-key';
import { deployedSchedule } from './simulation/deployed-schedule';
import { describePolicy } from './simulation/describe-policy';
import { formatSummary } from './simulation/format-summary';
import { formatTime } from './simulation/format-run';
import { runCaptured, type CapturedRun, type Handler } from './simulation/run-captured';
import { SimulatedClock } from './simulation/simulated-clock';
import { flagFor, parseSimulationOptions, USAGE, type SimulationOptions } from './simulation/simulation-options';
import { Timeline } from './simulation/timeline';
import { groupWindow, windowNote, type WindowDefaults } from './simulation/window-note';
import { synthesizedFunction, type SynthesizedFunction } from './synthesized-bundle';
import { scheduledEvent } from './scheduled-event';

const HOUR_MS = 3_600_000;
/** A Monday, so the demo's weekday maintenance window shows both sides. */
const START = Date.parse('2026-11-23T00:00:00Z');

/** The function names a bad configuration variable; the operator typed a flag. */
function explainFailure(run: CapturedRun): string {
  const message = run.error ?? 'unknown error';
  return message.replace(/REAPER_[A-Z_]+/g, (variable) => flagFor(variable) ?? variable);
}

const tagsOf = (account: FakeAccount, group: string) => (account.groupNames().includes(group) ? account.group(group).tags : undefined);

/** The configuration as the function reads it; undefined when it rejects it (the first run then says which flag is wrong). */
function readConfiguration(): ReaperEnv | undefined {
  try {
    return loadEnv(process.env);
  } catch {
    return undefined;
  }
}

/** The header: the fleet, then the policy the function reads from this environment (and the window defaults for the notes). */
function header(account: FakeAccount, fn: SynthesizedFunction, options: SimulationOptions): { lines: string[]; windows?: WindowDefaults } {
  const fleet = `instance-reaper on a local account: ${account.groupNames().length} groups, ${account.instances().length} instances, ${options.days} simulated day(s) from ${formatTime(START)} UTC`;
  const env = readConfiguration();
  if (!env) return { lines: [fleet, ''] };
  const groupTags = Object.fromEntries(account.groupNames().map((name) => [name, account.group(name).tags]));
  const policy = describePolicy({ env, runsEvery: 'one run per simulated hour', deployedSchedule: deployedSchedule(fn.bundlePath), groupTags });
  return { lines: [fleet, ...policy, ''], windows: { window: env.REAPER_WINDOW, graceDays: env.REAPER_GRACE_DAYS } };
}

async function simulate(options: SimulationOptions): Promise<number> {
  const clock = new SimulatedClock(START);
  const restoreClock = clock.install();
  const account = new FakeAccount({ now: clock.now });
  const { refreshId } = seedDemoFleet(account, START);
  const server = await startFakeAws(account);
  try {
    const fn = synthesizedFunction();
    Object.assign(process.env, fn.environment, server.env, options.environment, { REAPER_BLOCKED_AMIS_PARAMETER: DEMO.blockedAmisParameter, REAPER_STATE_KEY_ARN: localStateKey(account) });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deployed bundle is plain CommonJS, loaded as Lambda would
    const { handler } = require(fn.bundlePath) as { handler: Handler };
    const { lines, windows } = header(account, fn, options);
    const noteFor = (at: number, entry: TerminatedEntry, report: RunReport) =>
      windows && windowNote(entry, report.details[entry.instanceId], groupWindow(tagsOf(account, entry.group), windows), at);
    const timeline = new Timeline(options.dryRun, noteFor);
    const print = (text: readonly string[]) => {
      if (!options.json) for (const line of text) console.log(line);
    };
    print(lines);
    const runs: CapturedRun[] = [];
    for (let hour = 0; hour < options.days * 24; hour += 1) {
      if (hour === DEMO.refreshHours) account.setInstanceRefreshStatus(refreshId, 'Successful');
      account.tick();
      const run = await runCaptured(handler, scheduledEvent(account.state, clock.now(), `sim-${clock.now()}`));
      if (run.error) {
        console.error(`instance-reaper: ${explainFailure(run)}`);
        return 2;
      }
      runs.push(run);
      if (options.json) console.log(JSON.stringify({ at: new Date(clock.now()).toISOString(), report: run.report }));
      else if (run.report) print(timeline.record(clock.now(), run.report));
      clock.advance(HOUR_MS);
    }
    print(formatSummary(runs, timeline, options));
    return 0;
  } finally {
    await server.close();
    restoreClock();
  }
}

/** `npm start -- --org`: the local organization's simulation (local/org/simulate-org.ts). */
async function organizationMain(argv: readonly string[]): Promise<void> {
  try {
    const options = parseOrgSimulationOptions(argv);
    if (options.help) console.log(ORG_USAGE);
    else process.exitCode = await simulateOrganization(options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(message.startsWith('--') || error instanceof TypeError ? `${message}\n\n${ORG_USAGE}` : `instance-reaper organization simulation failed: ${message}`);
    process.exitCode = message.startsWith('--') || error instanceof TypeError ? 2 : 1;
  }
}

async function main(): Promise<void> {
  // The SDK warns that its later releases need Node.js 22; the lock file pins this one and the Lambda runs 22.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Piped into `head`: stop quietly when the reader has gone.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
  if (process.argv.includes('--org')) {
    await organizationMain(process.argv.slice(2));
    return;
  }
  let options: SimulationOptions;
  try {
    options = parseSimulationOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  try {
    process.exitCode = await simulate(options);
  } catch (error) {
    console.error(`instance-reaper simulation failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

void main();
