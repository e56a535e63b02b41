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
});
