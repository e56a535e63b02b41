import { copyFleet, type FleetCopy } from '../../cli/forecast/copy-fleet';
import { readSourceFleet, type SourceFleet } from '../../cli/forecast/read-source-fleet';
import type { RunSettings } from '../../lambda/config/load-run-policy';
import { decideRun } from '../../lambda/run-reaper';
import { DEMO, seedDemoFleet } from '../../local/demo-fleet';
import { FakeAccount } from '../../local/fake-aws/account';
import { DAY, MONDAY, serve, settingsOf, type Served } from './forecast-harness';

/** The demo fleet plus what it lacks: an alarm in ALARM, an unhealthy target, suspended processes, a Pending and a Standby member, a blocked AMI, a lifecycle hook. */
function seedSource(): FakeAccount {
  const account = new FakeAccount({ now: () => MONDAY });
  seedDemoFleet(account, MONDAY);
  account.addAlarm('api-5xx', { state: 'ALARM' });
  account.addAlarm('fleet-errors', { state: 'OK' });
  account.setGroupTag('api', 'instance-reaper:alarms', 'api-5xx');
  const web = account.group('web');
  account.setTargetHealth(web.targetGroupArns[0] ?? '', web.inService[0] ?? '', 'unhealthy');
  account.suspendProcesses('legacy', ['Terminate']);
  account.addInstance({ group: 'queue', lifecycleState: 'Pending', launchTime: MONDAY - 60_000 });
  account.addInstance({ group: 'queue', lifecycleState: 'Standby', launchTime: MONDAY - 40 * DAY });
  account.addInstance({ group: 'bastion', lifecycleState: 'Terminating:Wait', launchTime: MONDAY - 50 * DAY });
  account.putParameter(DEMO.blockedAmisParameter, account.group('legacy').members[0]?.imageId ?? '', 'StringList');
  return account;
}

const SETTINGS: RunSettings = settingsOf({ REAPER_BLOCKED_AMIS_PARAMETER: DEMO.blockedAmisParameter, REAPER_ALARM_NAMES: 'fleet-errors', REAPER_AMI_MAX_AGE_DAYS: '90' });

let source: FakeAccount;
let served: Served;
let read: SourceFleet;
let copy: FleetCopy;

beforeAll(async () => {
  source = seedSource();
  served = await serve(source);
  read = await readSourceFleet(served.clients, SETTINGS, MONDAY);
  copy = copyFleet(read, SETTINGS, () => MONDAY);
});

afterAll(() => served.close());

describe('copyFleet', () => {
  it('round-trips what the reader saw: a run on the copy decides exactly what it decides on the source', async () => {
    const onSource = await decideRun(served.clients, SETTINGS, MONDAY);
    const copied = await serve(copy.account);
    try {
      const onCopy = await decideRun(copied.clients, SETTINGS, MONDAY);

      expect(onCopy.plan).toEqual(onSource.plan);
      expect(new Set(onSource.plan.deferred.map((entry) => entry.why))).toEqual(
        new Set(['exempt', 'protected', 'not-in-service', 'processes-suspended', 'group-unstable', 'alarm', 'targets-unhealthy', 'group-budget']),
      );
      expect(onSource.plan.terminations.length).toBeGreaterThan(0);
    } finally {
      await copied.close();
    }
  });

  it('carries groups with sizes, tags, suspended processes and members with lifecycle, health and protection', () => {
    for (const name of source.groupNames()) {
      const [from, to] = [source.group(name), copy.account.group(name)];
      expect({ ...to, arn: '' }).toEqual({ ...from, arn: '' });
    }
  });

  it('carries instances with launch and attach times and AMIs, and AMIs with state, creation and deprecation', () => {
    for (const instance of source.instances((candidate) => candidate.state !== 'terminated')) {
      const copied = copy.account.instance(instance.instanceId);
      expect([copied.imageId, copied.launchTime, copied.firstLaunch, copied.state]).toEqual([instance.imageId, instance.launchTime, instance.firstLaunch, instance.state]);
    }
    for (const image of Object.values(source.state.images)) {
      const copied = copy.account.state.images[image.imageId];
      expect([copied?.state, copied?.creationDate, copied?.deprecationTime]).toEqual([image.state, image.creationDate, image.deprecationTime]);
    }
  });

  it('launches what each group launches now, per instance type for mixed-instances overrides', () => {
    const own = copyFleet(read, SETTINGS, () => MONDAY).account;
    const arm = source.group('batch').members.find((member) => member.instanceType === 'm7g.large');
    own.terminateInstanceInGroup(arm?.instanceId ?? '');
    const replacement = own.group('batch').members.find((member) => member.lifecycleState === 'Pending');

    const armImage = Object.values(source.state.templates).find((template) => template.name === 'batch-arm64')?.versions[0]?.imageId;

    expect(replacement).toMatchObject({ instanceType: 'm7g.large', imageId: armImage });
    expect(armImage).not.toBe(source.group('batch').launchImageId);
    expect(copy.account.group('api').launchImageId).toBe(source.group('api').launchImageId);
    expect(copy.account.group('legacy').launchImageId).toBe(source.group('legacy').launchImageId);
  });

  it('holds the health gates as read: the alarm in ALARM, the unhealthy target, the instance refresh', () => {
    expect(copy.account.state.alarms['api-5xx']?.state).toBe('ALARM');
    expect(copy.account.state.alarms['fleet-errors']?.state).toBe('OK');
    expect(copy.account.state.instanceRefreshes.map((refresh) => [refresh.group, refresh.status])).toEqual([[DEMO.refreshingGroup, 'InProgress']]);
    const web = source.group('web');
    expect(copy.account.targetHealth(web.targetGroupArns[0] ?? '')).toEqual(source.targetHealth(web.targetGroupArns[0] ?? ''));
    expect(copy.notes).toEqual([]);
  });

  it('only read the source', () => {
    expect(source.calls.length).toBeGreaterThan(0);
    expect(source.mutatingCalls()).toEqual([]);
  });
});
