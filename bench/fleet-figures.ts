import type { FakeAccount } from '../local/fake-aws/account';
import { isMutatingAction } from '../local/fake-aws/call-log';
import type { RunReport } from '../lambda/model/report';
import { BENCH_FLEET } from './bench-fleet';
import { benchRun, LATENCY_MS } from './bench-run';
import { costFigures } from './cost-figures';
import type { BenchSection, Figure } from './figure';
import type { MeasuredInvocation } from './invoke-with-usage';
import { actingGroups, isRead, readFloor, readsAgainstFloor, READS_OVER_FLOOR_AT_MOST, templateFloorNote, type FleetNeeds } from './read-floor';
import type { TimedCall } from './timed-services';

/** From the first call's arrival to the answer of the last read before the first change (all of it when nothing changed). */
function readPhaseMs(calls: readonly TimedCall[]): number {
  if (calls.length === 0) return Number.NaN;
  const firstWrite = Math.min(...calls.filter((call) => isMutatingAction(call.action)).map((call) => call.arrivedAt));
  const reads = calls.filter((call) => !isMutatingAction(call.action) && call.answeredAt <= firstWrite);
  return Math.max(...reads.map((call) => call.answeredAt)) - Math.min(...calls.map((call) => call.arrivedAt));
}

const kilobytes = (bytes: number) => `${(bytes / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} KB`;

/** The answers' bytes by action: what the function downloaded and parsed. */
function bytesByAction(calls: readonly TimedCall[]): Map<string, number> {
  const bytes = new Map<string, number>();
  for (const call of calls) bytes.set(call.action, (bytes.get(call.action) ?? 0) + call.bytes);
  return bytes;
}

/**
 * One row per action: calls made, against its part of the read floor, and the answers' bytes per call; then read calls
 * (every Describe and Get action) against the floor.
 */
function callFigures(account: FakeAccount, needs: FleetNeeds, report: RunReport, calls: readonly TimedCall[]): Figure[] {
  const made = new Map<string, number>();
  for (const call of account.calls) made.set(call.action, (made.get(call.action) ?? 0) + 1);
  const bytes = bytesByAction(calls);
  const floor = readFloor(needs, report);
  const actions = [...new Set([...floor.keys(), ...made.keys()])].filter((action) => (made.get(action) ?? 0) + (floor.get(action) ?? 0) > 0);
  const rows = actions.map((action): Figure => {
    const part = floor.get(action);
    const kind = part !== undefined ? `floor ${part}${action === 'DescribeLaunchTemplateVersions' ? ` (${templateFloorNote(needs)})` : ''}` : isRead(action) ? 'read, not in the floor' : 'write';
    const count = made.get(action) ?? 0;
    return { name: `  ${action}`, value: count, unit: 'calls', note: `${kilobytes((bytes.get(action) ?? 0) / Math.max(count, 1))} a call; ${kind}` };
  });
  const { reads, least } = readsAgainstFloor(account, floor);
  const parts = [...floor].filter(([, calls]) => calls > 0).map(([action, calls]) => `${action.replace(/^Describe/, '')} ${calls}`);
  const acting = actingGroups(report).length;
  const total = [...bytes.values()].reduce((sum, size) => sum + size, 0);
  return [
    { name: 'AWS calls', value: account.calls.length, unit: 'calls', note: `${reads} reads; ${account.calls.filter((call) => call.throttled).length} throttled; ${kilobytes(total)} of answers` },
    ...rows,
    { name: 'read floor', value: least, unit: 'calls', note: `${parts.join(' + ')}; gates for the ${acting} groups that act (${needs.images} AMIs, ${needs.launchConfigurations} launch configurations)` },
    { name: 'read calls against the floor', value: reads / least, unit: 'x', atMost: READS_OVER_FLOOR_AT_MOST, note: `${reads} reads, floor ${least}` },
  ];
}

function runFigures(run: MeasuredInvocation, readMs: number, peakInFlight: number): Figure[] {
  return [
    { name: 'peak calls in flight', value: peakInFlight, unit: 'calls', atMost: 8 },
    { name: 'one full run', value: run.wallMs / 1000, unit: 's', atMost: 3, note: `fresh process to result; the handler itself ${((run.handlerMs ?? Number.NaN) / 1000).toFixed(1)} s` },
    { name: '  of which the read phase', value: readMs / 1000, unit: 's', note: 'first call to the last read before the first change' },
    { name: 'peak RSS', value: ((run.maxRssKb ?? Number.NaN) * 1024) / 1_000_000, unit: 'MB', atMost: 160, note: `${((run.maxRssKb ?? Number.NaN) / 1024).toFixed(1)} MiB (getrusage maxRSS)` },
  ];
}

/** One scheduled run of the deployed bundle, in its own process, against a local account of 10,000 instances answering in 50 ms; then what that run costs a month. */
export const fleetFigures: BenchSection = {
  id: 'fleet',
  title: `Fleet: one run against a local account (${(BENCH_FLEET.groups * BENCH_FLEET.instancesPerGroup).toLocaleString('en-US')} instances, ${BENCH_FLEET.groups.toLocaleString('en-US')} groups, ${LATENCY_MS} ms a call, AWS's answer shapes)`,
  measure: async () => {
    const { account, needs, report, run, calls, peakInFlight } = await benchRun(BENCH_FLEET.groups);
    const outcome: Figure = { name: 'run outcome', value: report.terminated.length, unit: 'terminated', note: `${report.deferred.length} deferred, ${report.errors.length} errors, ${report.scanned.instances} scanned` };
    return [outcome, ...callFigures(account, needs, report, calls), ...runFigures(run, readPhaseMs(calls), peakInFlight), ...costFigures(run, BENCH_FLEET.groups)];
  },
};
