import { DAY_MS, LocalReaper, seedGroup } from './local-reaper';

/*
 * The gates where AWS is unkind: a group launching a gone AMI cannot replace anything, load balancers list only
 * what is registered, reads can be denied, answers come in pages, and detached instances keep their group tag.
 */

let reaper: LocalReaper | undefined;
afterEach(async () => reaper?.close());

describe('the deployed bundle on the wire: gates in a real account', () => {
  it.each([
    ['recently deregistered (still returned, state deregistered)', { listedForMs: DAY_MS }],
    ['deregistered (asked by ID, EC2 answers empty)', {}],
  ])('a group that launches a %s AMI loses nothing: its instances wait cannot-replace and the group is reported', async (_title, options) => {
    let ids: string[] = [];
    reaper = await LocalReaper.start((account) => {
      ids = seedGroup(account, 'web', [40, 39]);
      account.deregisterImage(account.instance(ids[0] ?? '').imageId, options);
    });

    const report = await reaper.invoke();

    expect(reaper.mutatingCalls()).toEqual([]);
    expect(report.deferred.map((entry) => [entry.instanceId, entry.why])).toEqual(ids.map((id) => [id, 'cannot-replace']));
    expect(report.errors).toEqual([expect.objectContaining({ group: 'web', code: 'cannot-replace', message: expect.stringContaining('cannot launch a replacement') })]);
    expect(reaper.account.group('web').inService).toHaveLength(2);
  });

  it('a group whose latest launch failed loses nothing more', async () => {
    let ids: string[] = [];
    reaper = await LocalReaper.start((account) => {
      ids = seedGroup(account, 'web', [40, 39, 38]);
      const imageId = account.instance(ids[0] ?? '').imageId;
      account.disableImage(imageId);
      account.setDesiredCapacity('web', 4);
      account.tick();
    });

    const report = await reaper.invoke();

    expect(reaper.mutatingCalls()).toEqual([]);
    expect(new Set(report.deferred.map((entry) => entry.why))).toEqual(new Set(['cannot-replace']));
  });

  it('with AddToLoadBalancer suspended, replacements are never registered: it stops after one, and registered targets never run out', async () => {
    let targetGroup = '';
    reaper = await LocalReaper.start((account) => {
      targetGroup = account.addTargetGroup('web');
      seedGroup(account, 'web', [40, 39, 38], { targetGroupArns: [targetGroup] });
      account.suspendProcesses('web', ['AddToLoadBalancer']);
    });
    const { account } = reaper;
    const healthyTargets = () => Object.values(account.targetHealth(targetGroup)).filter((state) => state === 'healthy').length;
    let fewest = healthyTargets();
    const whys: string[] = [];

    for (let run = 0; run < 5; run += 1) {
      const report = await reaper.invoke();
      whys.push(...report.deferred.map((entry) => entry.why));
      fewest = Math.min(fewest, healthyTargets());
      account.tick();
      account.tick();
      fewest = Math.min(fewest, healthyTargets());
    }

    expect(fewest).toBe(2);
    expect(whys).toContain('targets-unhealthy');
  });

  it('checks a Classic Load Balancer: an instance OutOfService there holds the group', async () => {
    let ids: string[] = [];
    reaper = await LocalReaper.start((account) => {
      account.addClassicLoadBalancer('legacy');
      ids = seedGroup(account, 'legacy', [40, 2], { loadBalancerNames: ['legacy'] });
      account.setClassicInstanceHealth('legacy', ids[1] ?? '', 'OutOfService');
    });

    const report = await reaper.invoke();

    expect(reaper.mutatingCalls()).toEqual([]);
    expect(report.deferred).toEqual([expect.objectContaining({ instanceId: ids[0], why: 'targets-unhealthy' })]);
  });

  it.each([
    ['DescribeInstanceRefreshes', 'group-unstable'],
    ['DescribeTargetHealth', 'targets-unhealthy'],
    ['DescribeScalingActivities', 'cannot-replace'],
  ])('a denied %s (a service control policy) holds the group and is reported in errors', async (action, why) => {
    reaper = await LocalReaper.start((account) => {
      const targetGroup = account.addTargetGroup('web');
      seedGroup(account, 'web', [40, 39, 3], { targetGroupArns: [targetGroup] });
      account.denyAction(action);
    });

    const report = await reaper.invoke();

    expect(reaper.mutatingCalls()).toEqual([]);
    expect(report.deferred.map((entry) => entry.why)).toEqual([why, why]);
    expect(report.errors).toEqual(expect.arrayContaining([expect.objectContaining({ group: 'web', code: 'read-denied', message: expect.stringContaining('AccessDenied') })]));
  });

  it('follows every page of DescribeImages: AMIs on a later page are described, not judged missing', async () => {
    reaper = await LocalReaper.start((account) => {
      // Five instances in no group, each on an available AMI of its own: more than one page of images.
      for (let index = 0; index < 5; index += 1) {
        account.addInstance({ imageId: account.addImage({ name: `tool-${index}`, creationDate: Date.now() - 3 * DAY_MS }), launchTime: Date.now() - 2 * DAY_MS });
      }
    });

    const report = await reaper.invoke();

    expect(report.unmanaged).toEqual([]);
    expect(report.errors).toEqual([]);
  });

  it('reports an instance detached from its group as unmanaged, although it keeps the group tag', async () => {
    let ids: string[] = [];
    reaper = await LocalReaper.start((account) => {
      ids = seedGroup(account, 'web', [40, 2]);
      account.detachInstance(ids[0] ?? '', false);
    });

    const report = await reaper.invoke();

    expect(reaper.account.instance(ids[0] ?? '').tags['aws:autoscaling:groupName']).toBe('web');
    expect(report.unmanaged).toEqual([{ instanceId: ids[0], reasons: ['max-age'] }]);
    expect(reaper.mutatingCalls().filter((call) => JSON.stringify(call.params).includes(ids[0] ?? ''))).toEqual([]);
  });
});
