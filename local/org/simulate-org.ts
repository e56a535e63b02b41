/*
 * `npm start -- --org`: a local organization whose three member accounts run the bundle `cdk synth` deploys, once per
 * simulated hour each, every run sending its summary to the central bus; the central view as it converges, then one
 * account's schedule disabled and the view naming it. No AWS account, no network: everything answers on 127.0.0.1.
 */
import { centralBusArn } from '../../infra/org/org-names';
import { localFunctionBundle } from '../local-function-bundle';
import { formatTime } from '../simulation/format-run';
import { SimulatedClock } from '../simulation/simulated-clock';
import { buildCentralView, type CentralView } from './central-view';
import { buildDemoOrganization, DEMO_ORG } from './demo-org';
import { formatCentralView, type AccountNames } from './format-central-view';
import { deployOrgReapers, disableSchedule, runRound, type OrgReaper, type RoundResult } from './org-reapers';
import { startOrgServer } from './org-server';
import type { OrgSimulationOptions } from './org-simulation-options';

const HOUR_MS = 3_600_000;
/** A Monday, as the single-account demo. */
const START = Date.parse('2026-11-23T00:00:00Z');

interface Printer {
  lines(text: readonly string[]): void;
  json(record: Record<string, unknown>): void;
}

const printerFor = (json: boolean): Printer => ({
  lines: (text) => {
    if (!json) for (const line of text) console.log(line);
  },
  json: (record) => {
    if (json) console.log(JSON.stringify(record));
  },
});

function header(orgId: string, busArn: string, reapers: readonly OrgReaper[], options: OrgSimulationOptions): string[] {
  return [
    `instance-reaper on a local organization ${orgId}: ${reapers.length} member accounts, one run per simulated hour each, ${options.hours} hour(s) from ${formatTime(START)} UTC`,
    `  central bus ${busArn} (admits the organization's run summaries only)`,
    ...reapers.map((reaper) => `  ${reaper.name.padEnd(11)} ${reaper.account.state.accountId} ${reaper.account.state.region.padEnd(10)} ${reaper.account.groupNames().length} groups, ${reaper.account.instances().length} instances`),
    '',
  ];
}

/** A run that failed outright sends no summary: say so, the central view shows the silence. */
const failures = (results: readonly RoundResult[]) => results.filter((result) => result.error !== undefined).map((result) => `  ${result.name}: the run failed: ${result.error ?? ''}`);

export async function simulateOrganization(options: OrgSimulationOptions): Promise<number> {
  const clock = new SimulatedClock(START);
  const { org, members } = buildDemoOrganization(clock.now);
  const server = await startOrgServer(org);
  const print = printerFor(options.json);
  try {
    const busArn = centralBusArn('aws', DEMO_ORG.central.region, DEMO_ORG.central.accountId);
    const fn = localFunctionBundle();
    const reapers = deployOrgReapers(members, server, fn, { centralBusArn: busArn, environment: { REAPER_AMI_MAX_AGE_DAYS: '90' } });
    const names: AccountNames = Object.fromEntries(org.members().map((member) => [member.accountId, member.name]));
    const expected = reapers.map((reaper) => ({ account: reaper.account.state.accountId, region: reaper.account.state.region }));
    const viewAt = (now: number): CentralView => buildCentralView(org.buses.byArn(busArn)?.events ?? [], { now, scheduleIntervalMs: HOUR_MS, expected });
    print.lines(header(org.id, busArn, reapers, options));
    for (let hour = 0; hour < options.hours; hour += 1) {
      // Runs fire on the hour, as their schedule does: time spent running the last round is not carried over.
      const at = START + hour * HOUR_MS;
      clock.advance(Math.max(0, at - clock.now()));
      if (hour === options.stopAt) {
        const stopped = reapers.find((reaper) => reaper.name === options.stop);
        if (stopped) disableSchedule(stopped);
        print.lines([`${formatTime(at)}  ${options.stop}: schedule disabled, its reaper stops reporting`, '']);
        print.json({ at: new Date(at).toISOString(), scheduleDisabled: options.stop });
      }
      for (const { account } of members) account.tick();
      const results = await runRound(reapers, fn.bundlePath, clock.now());
      print.lines(failures(results));
      for (const failed of results.filter((result) => result.error !== undefined)) print.json({ at: new Date(at).toISOString(), runFailed: failed.name, error: failed.error });
      const last = hour === options.hours - 1;
      if (hour % options.viewEvery === 0 || last) {
        const view = viewAt(at);
        print.lines([...formatCentralView(view, names, HOUR_MS), '']);
        print.json({ at: new Date(at).toISOString(), view });
      }
    }
    return 0;
  } finally {
    await server.close();
  }
}
