import { FakeAccount } from '../local/fake-aws/account';
import { isMutatingAction } from '../local/fake-aws/call-log';
import { startFakeAws } from '../local/fake-aws/server';
import { AWS_PAGE_SIZES } from '../local/fake-aws/state';
import { synthesizedFunction } from '../local/synthesized-bundle';
import type { RunReport } from '../lambda/model/report';
import { BENCH_FLEET, seedBenchFleet } from './bench-fleet';
import { costFigures } from './cost-figures';
import type { BenchSection, Figure } from './figure';
import { invokeWithUsage, type MeasuredInvocation } from './invoke-with-usage';
import { actingGroups, fleetNeeds, isRead, readFloor, templateFloorNote, type FleetNeeds } from './read-floor';
import { timedServices, type TimedCall } from './timed-services';

const LATENCY_MS = 50;

const scheduledEvent = () => ({ version: '0', id: 'bench', 'detail-type': 'Scheduled Event', source: 'aws.events', account: '123456789012', time: new Date().toISOString(), region: 'us-east-1', resources: [], detail: {} });

/** From the first call's arrival to the answer of the last read before the first change (all of it when nothing changed). */
function readPhaseMs(calls: readonly TimedCall[]): number {
  if (calls.length === 0) return Number.NaN;
  const firstWrite = Math.min(...calls.filter((call) => isMutatingAction(call.action)).map((call) => call.arrivedAt));
  const reads = calls.filter((call) => !isMutatingAction(call.action) && call.answeredAt <= firstWrite);
  return Math.max(...reads.map((call) => call.answeredAt)) - Math.min(...calls.map((call) => call.arrivedAt));
}

/** One row per action: calls made, against its part of the read floor; then read calls (every Describe and Get action) against the floor. */
function callFigures(account: FakeAccount, needs: FleetNeeds, report: RunReport): Figure[] {
  const made = new Map<string, number>();
  for (const call of account.calls) made.set(call.action, (made.get(call.action) ?? 0) + 1);
  const floor = readFloor(needs, report);
  const actions = [...new Set([...floor.keys(), ...made.keys()])].filter((action) => (made.get(action) ?? 0) + (floor.get(action) ?? 0) > 0);
  const rows = actions.map((action): Figure => {
    const part = floor.get(action);
    const note = part !== undefined ? `floor ${part}${action === 'DescribeLaunchTemplateVersions' ? ` (${templateFloorNote(needs)})` : ''}` : isRead(action) ? 'read, not in the floor' : 'write';
    return { name: `  ${action}`, value: made.get(action) ?? 0, unit: 'calls', note };
  });
  const reads = account.calls.filter((call) => isRead(call.action)).length;
  const least = [...floor.values()].reduce((sum, calls) => sum + calls, 0);
  const parts = [...floor].filter(([, calls]) => calls > 0).map(([action, calls]) => `${action.replace(/^Describe/, '')} ${calls}`);
  const acting = actingGroups(report).length;
  return [
    { name: 'AWS calls', value: account.calls.length, unit: 'calls', note: `${reads} reads; ${account.calls.filter((call) => call.throttled).length} throttled` },
    ...rows,
    { name: 'read floor', value: least, unit: 'calls', note: `${parts.join(' + ')}; gates for the ${acting} groups that act (${needs.images} AMIs, ${needs.launchConfigurations} launch configurations)` },
    { name: 'read calls against the floor', value: reads / least, unit: 'x', atMost: 1.25, note: `${reads} reads, floor ${least}` },
  ];
}

function runFigures(run: MeasuredInvocation, readMs: number, peakInFlight: number): Figure[] {
  return [
    { name: 'peak calls in flight', value: peakInFlight, unit: 'calls', atMost: 8 },
    { name: 'one full run', value: run.wallMs / 1000, unit: 's', atMost: 4, note: `fresh process to result; the handler itself ${((run.handlerMs ?? Number.NaN) / 1000).toFixed(1)} s` },
    { name: '  of which the read phase', value: readMs / 1000, unit: 's', note: 'first call to the last read before the first change' },
    { name: 'peak RSS', value: ((run.maxRssKb ?? Number.NaN) * 1024) / 1_000_000, unit: 'MB', atMost: 180, note: `${((run.maxRssKb ?? Number.NaN) / 1024).toFixed(1)} MiB (getrusage maxRSS)` },
  ];
}

/** One scheduled run of the deployed bundle, in its own process, against a local account of 10,000 instances answering in 50 ms; then what that run costs a month. */
export const fleetFigures: BenchSection = {
  id: 'fleet',
  title: `Fleet: one run against a local account (${(BENCH_FLEET.groups * BENCH_FLEET.instancesPerGroup).toLocaleString('en-US')} instances, ${BENCH_FLEET.groups.toLocaleString('en-US')} groups, ${LATENCY_MS} ms a call)`,
  measure: async () => {
    const account = new FakeAccount({ pageSizes: AWS_PAGE_SIZES });
    seedBenchFleet(account, Date.now());
    const fn = synthesizedFunction();
    const needs = fleetNeeds(account, (fn.environment.REAPER_ALARM_NAMES ?? '').split(',').map((name) => name.trim()).filter(Boolean));
    const timed = timedServices();
    const fake = await startFakeAws(account, { latencyMs: LATENCY_MS, services: timed.services });
    try {
      const env = { PATH: process.env.PATH ?? '', ...fn.environment, ...fake.env, REAPER_BLOCKED_AMIS_PARAMETER: BENCH_FLEET.blockedAmisParameter, REAPER_TOPIC_ARN: BENCH_FLEET.topicArn };
      const run = await invokeWithUsage(fn.bundlePath, env, scheduledEvent());
      if (run.error !== undefined) throw new Error(`the handler failed: ${run.error}`);
      const report = run.result as RunReport;
      const outcome: Figure = { name: 'run outcome', value: report.terminated.length, unit: 'terminated', note: `${report.deferred.length} deferred, ${report.errors.length} errors, ${report.scanned.instances} scanned` };
      return [outcome, ...callFigures(account, needs, report), ...runFigures(run, readPhaseMs(timed.calls), fake.stats().peakInFlight), ...costFigures(run, BENCH_FLEET.groups)];
    } finally {
      await fake.close();
    }
  },
};
