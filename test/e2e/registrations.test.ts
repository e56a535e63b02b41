import { LocalReaper, seedGroup } from './local-reaper';

/*
 * Every registration counts: a member serves only if each of its registrations is healthy, on every port of every
 * target group the group attaches, VPC Lattice target groups included; a target group that cannot be read holds.
 */

let reaper: LocalReaper | undefined;
afterEach(async () => reaper?.close());

describe('the deployed bundle: every registration counts', () => {
  // DescribeTargetHealth's order is not documented; the fake lists registrations in the order they were made.
  it.each([
    ['registered on 8080 after the group registered it on 80', false],
    ['registered on 8080 before the group registered it on 80', true],
  ])('a member healthy on port 80 and unhealthy on 8080 of the same target group holds the group (%s): targets-unhealthy, nothing terminated', async (_title, sidecarFirst) => {
    let ids: string[] = [];
    reaper = await LocalReaper.start((account) => {
      const targetGroup = account.addTargetGroup('web');
      ids = seedGroup(account, 'web', [40, 39, 3], { targetGroupArns: [targetGroup] });
      const young = ids[2] ?? '';
      if (sidecarFirst) account.setTargetHealth(targetGroup, young, undefined);
      account.setTargetHealth(targetGroup, young, 'unhealthy', 8080);
      if (sidecarFirst) account.setTargetHealth(targetGroup, young, 'healthy');
    });

    const report = await reaper.invoke();

    expect(reaper.mutatingCalls()).toEqual([]);
    expect(report.terminated).toEqual([]);
    expect(report.deferred.map((entry) => [entry.instanceId, entry.why])).toEqual([
      [ids[0], 'targets-unhealthy'],
      [ids[1], 'targets-unhealthy'],
    ]);
  });

  it('the same group rotates once the second registration is healthy too', async () => {
    let ids: string[] = [];
    reaper = await LocalReaper.start((account) => {
      const targetGroup = account.addTargetGroup('web');
      ids = seedGroup(account, 'web', [40, 39, 3], { targetGroupArns: [targetGroup] });
      account.setTargetHealth(targetGroup, ids[2] ?? '', 'healthy', 8080);
    });

    const report = await reaper.invoke();

    expect(report.terminated.map((entry) => entry.instanceId)).toEqual([ids[0]]);
  });

  describe('a group served by a VPC Lattice target group (a vpc-lattice traffic source)', () => {
    /** A group of three members, 40, 39 and 3 days old, attached to a new VPC Lattice target group. */
    const startLattice = async (arrange: (account: LocalReaper['account'], arn: string, ids: string[]) => void = () => undefined) => {
      let ids: string[] = [];
      reaper = await LocalReaper.start((account) => {
        const arn = account.addLatticeTargetGroup();
        ids = seedGroup(account, 'lattice', [40, 39, 3], { latticeTargetGroupArns: [arn] });
        arrange(account, arn, ids);
      });
      return { started: reaper, ids };
    };
    const listTargetCalls = (started: LocalReaper) => started.account.calls.filter((call) => call.service === 'vpc-lattice' && call.action === 'ListTargets');

    it('rotates when every member is HEALTHY there, reading every page of its targets', async () => {
      const { started, ids } = await startLattice();

      const report = await started.invoke();

      expect(report.terminated.map((entry) => entry.instanceId)).toEqual([ids[0]]);
      expect(listTargetCalls(started).length).toBeGreaterThanOrEqual(2);
    });

    it.each([
      ['UNHEALTHY on its one registration', (account: LocalReaper['account'], arn: string, id: string) => account.setLatticeTargetStatus(arn, id, 'UNHEALTHY')],
      ['not registered at all', (account: LocalReaper['account'], arn: string, id: string) => account.setLatticeTargetStatus(arn, id, undefined)],
      ['HEALTHY on 80 but UNAVAILABLE on 8080', (account: LocalReaper['account'], arn: string, id: string) => account.setLatticeTargetStatus(arn, id, 'UNAVAILABLE', 8080)],
    ])('holds with targets-unhealthy, terminating nothing, while a member is %s', async (_title, arrange) => {
      const { started, ids } = await startLattice((account, arn, members) => arrange(account, arn, members[2] ?? ''));

      const report = await started.invoke();

      expect(started.mutatingCalls()).toEqual([]);
      expect(report.deferred.map((entry) => [entry.instanceId, entry.why])).toEqual([
        [ids[0], 'targets-unhealthy'],
        [ids[1], 'targets-unhealthy'],
      ]);
    });

    it('holds, and reports the target group, when ListTargets is denied', async () => {
      const { started, ids } = await startLattice((account) => account.denyAction('vpc-lattice:ListTargets'));

      const report = await started.invoke();

      expect(started.mutatingCalls()).toEqual([]);
      expect(report.deferred.map((entry) => [entry.instanceId, entry.why])).toEqual([
        [ids[0], 'targets-unhealthy'],
        [ids[1], 'targets-unhealthy'],
      ]);
      expect(report.errors).toEqual([
        { group: 'lattice', code: 'read-denied', message: expect.stringMatching(/^targets of VPC Lattice target group arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup\/tg-[0-9a-z]{17} could not be read: AccessDeniedException: .*vpc-lattice:ListTargets/) },
      ]);
    });
  });
});
