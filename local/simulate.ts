/*
 * `npm start`: the bundle `cdk synth` deploys, run once per simulated hour against a local AWS account
 * holding a demo fleet. No AWS account, no network: everything answers on 127.0.0.1.
 */
import { DEMO, seedDemoFleet } from './demo-fleet';
import { FakeAccount } from './fake-aws/account';
import { startFakeAws } from './fake-aws/server';
import { formatFleet, formatForecast, type Rotation } from './simulation/format-fleet';
import { formatRun, formatTime, heldSummary } from './simulation/format-run';
import { fleetFigures, runCaptured, type CapturedRun, type Handler } from './simulation/run-captured';
import { SimulatedClock } from './simulation/simulated-clock';
import { flagFor, parseSimulationOptions, USAGE, type SimulationOptions } from './simulation/simulation-options';
import { synthesizedFunction } from './synthesized-bundle';

const HOUR_MS = 3_600_000;
/** A Monday, so the demo's weekday maintenance window shows both sides. */
const START = Date.parse('2026-11-23T00:00:00Z');

function scheduledEvent(at: number) {
  return { version: '0', id: `sim-${at}`, 'detail-type': 'Scheduled Event', source: 'aws.events', account: '123456789012', time: new Date(at).toISOString(), region: 'us-east-1', resources: [], detail: {} };
}

/** The function names a bad configuration variable; the operator typed a flag. */
function explainFailure(run: CapturedRun): string {
  const message = run.error ?? 'unknown error';
  return message.replace(/REAPER_[A-Z_]+/g, (variable) => flagFor(variable) ?? variable);
}

interface Progress {
  held?: string;
  /** What the last printed run decided: a dry run decides the same every hour. */
  said?: string;
  quietSince?: number;
  quietRuns: number;
  rotations: Rotation[];
}

function printRun(at: number, run: CapturedRun, progress: Progress): void {
  const report = run.report;
  if (!report) return;
  for (const entry of report.terminated) progress.rotations.push({ at, ...entry, ageDays: report.details[entry.instanceId]?.ageDays });
  const lines = formatRun(at, report, progress.held);
  const said = JSON.stringify([report.terminated.map((entry) => entry.instanceId), report.surges, report.errors, heldSummary(report)]);
  if (lines.length === 0 || said === progress.said) {
    progress.quietSince ??= at;
    progress.quietRuns += 1;
    return;
  }
  if (progress.quietRuns > 0) console.log(`${' '.repeat(18)}· ${progress.quietRuns} run(s) with nothing new since ${formatTime(progress.quietSince ?? at)}`);
  Object.assign(progress, { quietRuns: 0, quietSince: undefined, held: heldSummary(report), said });
  for (const line of lines) console.log(line);
}

async function simulate(options: SimulationOptions): Promise<number> {
  const clock = new SimulatedClock(START);
  const restoreClock = clock.install();
  const account = new FakeAccount({ now: clock.now });
  const { refreshId } = seedDemoFleet(account, START);
  const server = await startFakeAws(account);
  try {
    const fn = synthesizedFunction();
    Object.assign(process.env, fn.environment, server.env, options.environment, { REAPER_BLOCKED_AMIS_PARAMETER: DEMO.blockedAmisParameter });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deployed bundle is plain CommonJS, loaded as Lambda would
    const { handler } = require(fn.bundlePath) as { handler: Handler };
    const runs: CapturedRun[] = [];
    const progress: Progress = { quietRuns: 0, rotations: [] };
    if (!options.json) console.log(`instance-reaper on a local account: ${account.groupNames().length} groups, ${account.instances().length} instances, one run per hour for ${options.days} day(s) from ${formatTime(START)} UTC\n`);
    for (let hour = 0; hour < options.days * 24; hour += 1) {
      if (hour === DEMO.refreshHours) account.setInstanceRefreshStatus(refreshId, 'Successful');
      account.tick();
      const run = await runCaptured(handler, scheduledEvent(clock.now()));
      if (run.error) {
        console.error(`instance-reaper: ${explainFailure(run)}`);
        return 2;
      }
      runs.push(run);
      if (options.json) console.log(JSON.stringify({ at: new Date(clock.now()).toISOString(), report: run.report }));
      else printRun(clock.now(), run, progress);
      clock.advance(HOUR_MS);
    }
    if (!options.json) printSummary(runs, progress, options);
    return 0;
  } finally {
    await server.close();
    restoreClock();
  }
}

function printSummary(runs: readonly CapturedRun[], progress: Progress, options: SimulationOptions): void {
  const first = runs[0];
  const last = runs[runs.length - 1];
  if (progress.quietRuns > 0) console.log(`${' '.repeat(18)}· ${progress.quietRuns} run(s) with nothing new since ${formatTime(progress.quietSince ?? START)}`);
  console.log('');
  for (const line of formatFleet(first && fleetFigures(first), last && fleetFigures(last))) console.log(line);
  const terminated = runs.reduce((sum, run) => sum + (run.report?.terminated.length ?? 0), 0);
  const outcome = options.dryRun
    ? `dry run: nothing changed; each run would have rotated ${first?.report?.terminated.length ?? 0} instance(s)`
    : `${terminated} instance(s) rotated`;
  console.log(`\n${runs.length} runs, ${outcome}, ${last?.report?.unmanaged.length ?? 0} unmanaged reported (never touched).`);
  if (options.forecast) for (const line of formatForecast(progress.rotations, last?.report)) console.log(line);
  else console.log('Add --forecast for when each instance was rotated, --help for the policy flags.');
}

async function main(): Promise<void> {
  // The SDK warns that its later releases need Node.js 22; the lock file pins this one and the Lambda runs 22.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Piped into `head`: stop quietly when the reader has gone.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
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
