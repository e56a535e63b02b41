import { centralBusArn } from '../../infra/org/org-names';
import { FakeAccount } from '../../local/fake-aws/account';
import { buildCentralView, STOPPED_AFTER_INTERVALS } from '../../local/org/central-view';
import { buildDemoOrganization, DEMO_ORG, type DemoOrganization } from '../../local/org/demo-org';
import { deployOrgReapers, disableSchedule, runRound, type OrgReaper } from '../../local/org/org-reapers';
import { startOrgServer, type OrgServer } from '../../local/org/org-server';
import { SimulatedClock } from '../../local/simulation/simulated-clock';
import { synthesizedFunction } from '../../local/synthesized-bundle';
import { seedGroup } from './local-reaper';

/*
 * Three member accounts of a local organization run the synthesized bundle, each with its own credentials, and send
 * their run summaries to the central bus of a fourth account: the central view hears all three, then names the one
 * whose schedule was disabled once it has been silent for more than STOPPED_AFTER_INTERVALS intervals.
 */

const HOUR_MS = 3_600_000;
const BUS_ARN = centralBusArn('aws', DEMO_ORG.central.region, DEMO_ORG.central.accountId);

let clock: SimulatedClock;
let demo: DemoOrganization;
let server: OrgServer;
let reapers: OrgReaper[];

beforeEach(async () => {
  clock = new SimulatedClock(Date.parse('2026-11-23T00:00:00Z'));
  demo = buildDemoOrganization(clock.now);
  server = await startOrgServer(demo.org);
  reapers = deployOrgReapers(demo.members, server, synthesizedFunction(), { centralBusArn: BUS_ARN });
});
afterEach(() => server.close());

const stored = () => demo.org.buses.byArn(BUS_ARN)?.events ?? [];
const viewNow = () => buildCentralView(stored(), { now: clock.now(), scheduleIntervalMs: HOUR_MS, expected: reapers.map((reaper) => ({ account: reaper.account.state.accountId, region: reaper.account.state.region })) });
const round = async () => {
  const results = await runRound(reapers, synthesizedFunction().bundlePath, clock.now());
  for (const result of results) if (result.error !== undefined) throw new Error(`${result.name}: the handler threw: ${result.error}`);
  return results;
};

describe('the organization\'s central view, from the deployed bundle in three local accounts', () => {
  it('hears every member: one summary each, from its own account and region, with the run\'s own figures', async () => {
    const results = await round();

    const view = viewNow();
    expect(stored().map((event) => event.account).sort()).toEqual(DEMO_ORG.members.map((member) => member.accountId).sort());
    expect(view.accounts.map((row) => [row.account, row.region]).sort()).toEqual(DEMO_ORG.members.map((member) => [member.accountId, member.region]).sort());
    for (const result of results) {
      const row = view.accounts.find((candidate) => candidate.account === demo.members.find((member) => member.name === result.name)?.account.state.accountId);
      expect(row?.lastRun).toMatchObject({ terminated: result.report?.terminated.length, errors: result.report?.errors.length, dryRun: false });
    }
    expect(view.stoppedReporting).toEqual([]);
    expect(view.stalestGroups.length).toBeGreaterThan(0);
  });

  it('names the member whose schedule was disabled once it has been silent for more than the threshold, and only it', async () => {
    await round();
    const sandbox = reapers.find((reaper) => reaper.name === 'sandbox') as OrgReaper;
    disableSchedule(sandbox);

    clock.advance(HOUR_MS);
    const skipped = await round();
    clock.advance(STOPPED_AFTER_INTERVALS * HOUR_MS);
    await round();

    expect(skipped.find((result) => result.name === 'sandbox')).toEqual({ name: 'sandbox', ran: false });
    expect(viewNow().stoppedReporting.map((row) => [row.account, row.region, row.summaries])).toEqual([[sandbox.account.state.accountId, sandbox.account.state.region, 1]]);
  });

  it('refuses the summary of an account outside the organization: its run reports the denial, the view never lists it', async () => {
    const stranger = new FakeAccount({ now: clock.now, accountId: '999999999999' });
    seedGroup(stranger, 'web', [40, 2]);
    demo.org.addOutsider(stranger);
    const [outsider] = deployOrgReapers([{ name: 'stranger', account: stranger }], server, synthesizedFunction(), { centralBusArn: BUS_ARN });

    const [result] = await runRound([outsider as OrgReaper], synthesizedFunction().bundlePath, clock.now());

    expect(result?.report?.errors.map((error) => error.message)).toEqual([expect.stringContaining('AccessDeniedException')]);
    expect(stored()).toEqual([]);
  });
});
