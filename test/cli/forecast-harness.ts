import { createCliClients, type CliClients } from '../../cli/aws/cli-clients';
import { copyFleet, type FleetCopy } from '../../cli/forecast/copy-fleet';
import { runForecast, type ForecastResult } from '../../cli/forecast/forecast-loop';
import { readSourceFleet, type SourceFleet } from '../../cli/forecast/read-source-fleet';
import { loadEnv, mergeRunPolicy, type RunSettings } from '../../lambda/config/load-run-policy';
import type { ManualEvent } from '../../lambda/config/event-schema';
import type { FakeAccount } from '../../local/fake-aws/account';
import { startFakeAws, type FakeAws } from '../../local/fake-aws/server';
import { SimulatedClock } from '../../local/simulation/simulated-clock';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** A Monday, midnight UTC: the accounts' time, whatever the machine's (the clients correct no clock skew). */
export const MONDAY = Date.parse('2026-11-23T00:00:00Z');

/** An account served on 127.0.0.1, with the CLI's clients pointed at it. */
export interface Served {
  readonly fake: FakeAws;
  readonly clients: CliClients;
  close(): Promise<void>;
}

export async function serve(account: FakeAccount): Promise<Served> {
  const fake = await startFakeAws(account);
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  const clients = createCliClients({ endpoint: fake.endpoint, region: 'us-east-1', credentials, disableClockSkewCorrection: true });
  return { fake, clients, close: () => fake.close() };
}

/** The function's settings from configuration variables and a manual invocation's fields, as a forecast runs them (acting). */
export const settingsOf = (env: Record<string, string> = {}, event: ManualEvent = {}): RunSettings => mergeRunPolicy(loadEnv(env), { ...event, dryRun: false });

export interface Forecast {
  readonly source: SourceFleet;
  readonly copy: FleetCopy;
  readonly result: ForecastResult;
}

/** What `plan --forecast` does, without the command around it: read the source once, copy it, run on the copy. */
export async function forecastOf(source: FakeAccount, settings: RunSettings, run: { start: number; intervalMs: number; runs: number }): Promise<Forecast> {
  const served = await serve(source);
  try {
    const read = await readSourceFleet(served.clients, settings, run.start);
    const clock = new SimulatedClock(run.start);
    const copy = copyFleet(read, settings, clock.now);
    const result = await runForecast({ ...run, account: copy.account, clock, settings: { ...settings, stateKeyArn: copy.stateKeyArn }, sourceInstanceIds: new Set(read.snapshot.instances.keys()) });
    return { source: read, copy, result };
  } finally {
    await served.close();
  }
}
