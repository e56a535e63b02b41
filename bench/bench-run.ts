import { FakeAccount } from '../local/fake-aws/account';
import { startFakeAws } from '../local/fake-aws/server';
import { prepareInstanceAnswers } from '../local/fake-aws/services/ec2-instances';
import { AWS_PAGE_SIZES } from '../local/fake-aws/state';
import { synthesizedFunction } from '../local/synthesized-bundle';
import type { RunReport } from '../lambda/model/report';
import { BENCH_FLEET, seedBenchFleet } from './bench-fleet';
import { invokeWithUsage, type MeasuredInvocation } from './invoke-with-usage';
import { fleetNeeds, type FleetNeeds } from './read-floor';
import { timedServices, type TimedCall } from './timed-services';
import { scheduledEvent } from '../local/scheduled-event';

/** Every call of the fake answers this long after it arrives, as AWS's APIs do from a Lambda in the same region. */
export const LATENCY_MS = 50;

/** One scheduled run of the deployed bundle against a bench account, and what the account saw. */
export interface BenchRun {
  readonly account: FakeAccount;
  readonly needs: FleetNeeds;
  readonly report: RunReport;
  readonly run: MeasuredInvocation;
  readonly calls: readonly TimedCall[];
  readonly peakInFlight: number;
}

/** Seeds a bench fleet of `groups` groups, then invokes the synthesized bundle once, in its own process, against it. */
export async function benchRun(groups: number): Promise<BenchRun> {
  const account = new FakeAccount({ pageSizes: AWS_PAGE_SIZES });
  seedBenchFleet(account, Date.now(), groups);
  prepareInstanceAnswers(account);
  const fn = synthesizedFunction();
  const alarmNames = (fn.environment.REAPER_ALARM_NAMES ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  const needs = fleetNeeds(account, alarmNames, BENCH_FLEET.blockedAmisParameter);
  const timed = timedServices();
  const fake = await startFakeAws(account, { latencyMs: LATENCY_MS, services: timed.services });
  try {
    const env = { PATH: process.env.PATH ?? '', ...fn.environment, ...fake.env, REAPER_BLOCKED_AMIS_PARAMETER: BENCH_FLEET.blockedAmisParameter, REAPER_TOPIC_ARN: BENCH_FLEET.topicArn };
    const run = await invokeWithUsage(fn.bundlePath, env, scheduledEvent(account.state, Date.now(), 'bench'));
    if (run.error !== undefined) throw new Error(`the handler failed at ${groups} groups: ${run.error}`);
    return { account, needs, report: run.result as RunReport, run, calls: timed.calls, peakInFlight: fake.stats().peakInFlight };
  } finally {
    await fake.close();
  }
}
