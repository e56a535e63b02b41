import type { AwsClients } from '../../lambda/clients';
import type { RunSettings } from '../../lambda/config/load-run-policy';
import { executePlan } from '../../lambda/execute/execute-plan';
import { kmsSurgeSigner } from '../../lambda/execute/sign-surge-record';
import type { RunError } from '../../lambda/model/fleet';
import type { RunReport } from '../../lambda/model/report';
import type { FleetEvaluation } from '../../lambda/policy/evaluation';
import { buildReport } from '../../lambda/report/build-report';
import { decideRun } from '../../lambda/run-reaper';
import type { FakeAccount } from '../../local/fake-aws/account';
import { startFakeAws, type FakeAws } from '../../local/fake-aws/server';
import type { Rotation } from '../../local/simulation/format-forecast';
import type { SimulatedClock } from '../../local/simulation/simulated-clock';
import { createCliClients, type CallObserver } from '../aws/cli-clients';

export interface ForecastRotation extends Rotation {
  /** The IANA zone of the group's maintenance window, when one applies. */
  readonly timeZone?: string;
  /** Past lifetime + grace when rotated: windows no longer held it (the run's own verdict). */
  readonly pastDeadline: boolean;
  /** Launched during the forecast (a replacement rotated again), not read from the account. */
  readonly launchedInForecast: boolean;
}

/** An error the runs reported, once however often it recurred. */
export interface ForecastError extends RunError {
  readonly firstAt: number;
  readonly runs: number;
}

export interface ForecastResult {
  readonly runs: number;
  readonly rotations: readonly ForecastRotation[];
  /** The last run and its report: what is still due at the end, and why. */
  readonly lastAt: number;
  readonly last: RunReport;
  readonly errors: readonly ForecastError[];
}

export interface ForecastRequest {
  /** The private copy: the only account the runs read and change. */
  readonly account: FakeAccount;
  /** The copy's clock; the runs move it to each scheduled time. */
  readonly clock: SimulatedClock;
  readonly settings: RunSettings;
  readonly start: number;
  readonly intervalMs: number;
  readonly runs: number;
  /** Instances read from the account; any other rotated instance was launched by the forecast. */
  readonly sourceInstanceIds: ReadonlySet<string>;
  /** Told of every call to the private copy (the progress indicator). */
  readonly observer?: CallObserver;
}

function privateClients(fake: FakeAws, observer: CallObserver | undefined): AwsClients {
  const credentials = { accessKeyId: fake.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: fake.env.AWS_SECRET_ACCESS_KEY ?? '' };
  return createCliClients({ endpoint: fake.endpoint, region: fake.env.AWS_REGION, credentials, disableClockSkewCorrection: true }, observer);
}

/** Lifecycle hooks are taken to complete within one interval; a `:Wait` state would otherwise hold its group for the whole forecast. */
function completeLifecycleHooks(account: FakeAccount): void {
  for (const instance of Object.values(account.state.instances)) {
    if (instance.group !== undefined && instance.lifecycleState?.endsWith(':Wait')) account.completeLifecycleAction(instance.instanceId);
  }
}

/** The function's own read-decide-act, as one scheduled run: `decideRun`, then `executePlan` against the copy. */
async function runOnce(clients: AwsClients, settings: RunSettings, at: number): Promise<{ report: RunReport; evaluation: FleetEvaluation }> {
  const { plan, evaluation } = await decideRun(clients, settings, at);
  const outcome = await executePlan(clients.autoScaling, plan, { signSurgeRecord: kmsSurgeSigner(clients.kms, settings.stateKeyArn) });
  return { report: buildReport(plan, outcome, evaluation), evaluation };
}

class ForecastLog {
  readonly rotations: ForecastRotation[] = [];
  private readonly errors = new Map<string, ForecastError>();

  constructor(private readonly sourceInstanceIds: ReadonlySet<string>) {}

  record(at: number, report: RunReport, evaluation: FleetEvaluation): void {
    for (const entry of report.terminated) {
      const group = evaluation.groups.find((candidate) => candidate.group.name === entry.group);
      const windows = group?.settings.windows;
      this.rotations.push({
        at,
        ...entry,
        ageDays: report.details[entry.instanceId]?.ageDays,
        ...(windows?.[0] ? { timeZone: windows[0].timeZone } : {}),
        pastDeadline: group?.due.find((due) => due.instanceId === entry.instanceId)?.pastDeadline ?? false,
        launchedInForecast: !this.sourceInstanceIds.has(entry.instanceId),
      });
    }
    for (const error of report.errors) {
      const key = JSON.stringify([error.group, error.instanceId, error.message]);
      const seen = this.errors.get(key);
      this.errors.set(key, seen ? { ...seen, runs: seen.runs + 1 } : { ...error, firstAt: at, runs: 1 });
    }
  }

  get distinctErrors(): ForecastError[] {
    return [...this.errors.values()];
  }
}

/**
 * Runs the reaper against the private copy once per schedule interval, on simulated time: before each
 * run after the first, the copy moves on one step (terminations finish, replacements come into service).
 */
export async function runForecast(request: ForecastRequest): Promise<ForecastResult> {
  const { account, clock, settings, start, intervalMs, runs } = request;
  const fake = await startFakeAws(account);
  const log = new ForecastLog(request.sourceInstanceIds);
  let last: RunReport | undefined;
  let lastAt = start;
  try {
    const clients = privateClients(fake, request.observer);
    for (let run = 0; run < runs; run += 1) {
      lastAt = start + run * intervalMs;
      clock.advance(lastAt - clock.now());
      if (run > 0) {
        completeLifecycleHooks(account);
        account.tick();
      }
      const { report, evaluation } = await runOnce(clients, settings, lastAt);
      log.record(lastAt, report, evaluation);
      last = report;
    }
  } finally {
    await fake.close();
  }
  if (!last) throw new Error('a forecast makes at least one run');
  return { runs, rotations: log.rotations, lastAt, last, errors: log.distinctErrors };
}
