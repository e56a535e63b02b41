import { DescribeAutoScalingGroupsCommand, SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { ListTargetsCommand, paginateListTargets, VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { seedWebGroup, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** Every target of a VPC Lattice target group, every page followed: [id, port, status]. */
async function targets(identifier: string): Promise<[string, number, string][]> {
  const listed: [string, number, string][] = [];
  for await (const page of paginateListTargets({ client: h.vpcLattice }, { targetGroupIdentifier: identifier })) {
    for (const item of page.items ?? []) listed.push([item.id ?? '', item.port ?? 0, item.status ?? '']);
  }
  return listed;
}

/** The web template, and a group `lattice` of three served by a new VPC Lattice target group. */
function seedLatticeGroup(harness: Harness): { arn: string; ids: string[] } {
  const arn = harness.account.addLatticeTargetGroup();
  seedWebGroup(harness.account);
  harness.account.addGroup({ name: 'lattice', desiredCapacity: 3, maxSize: 5, launchTemplate: { name: 'web' }, latticeTargetGroupArns: [arn] });
  return { arn, ids: harness.account.fillGroup('lattice') };
}

describe('VPC Lattice target groups attached to groups', () => {
  it('are listed as vpc-lattice traffic sources by ARN, not as ELB target groups', async () => {
    const { arn } = seedLatticeGroup(h);
    expect(arn).toMatch(/^arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup\/tg-[0-9a-z]{17}$/);
    const { AutoScalingGroups } = await h.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['lattice'] }));
    expect(AutoScalingGroups?.[0]).toMatchObject({ TargetGroupARNs: [], LoadBalancerNames: [], TrafficSources: [{ Identifier: arn, Type: 'vpc-lattice' }] });
  });

  it('list every registration of the members, page by page, by ARN or by ID', async () => {
    const { arn, ids } = seedLatticeGroup(h);
    const expected = ids.map((id) => [id, 80, 'HEALTHY']);
    expect(await targets(arn)).toEqual(expected);
    expect(await targets(arn.split('/')[1] ?? '')).toEqual(expected);
    const first = await h.vpcLattice.send(new ListTargetsCommand({ targetGroupIdentifier: arn }));
    expect([first.items?.length, typeof first.nextToken]).toEqual([2, 'string']);
    const one = await h.vpcLattice.send(new ListTargetsCommand({ targetGroupIdentifier: arn, maxResults: 1 }));
    expect(one.items).toEqual([{ id: ids[0], port: 80, status: 'HEALTHY' }]);
  });

  it('register a new member INITIAL, settle it on the next tick, drain a terminating one and forget it once gone', async () => {
    const { arn, ids } = seedLatticeGroup(h);
    const [first = '', second = '', third = ''] = ids;
    h.account.setNewLatticeTargetStatus(arn, 'UNHEALTHY');
    h.account.terminateInstanceInGroup(first);
    const replacement = h.account.group('lattice').members.find((member) => member.lifecycleState === 'Pending')?.instanceId ?? '';
    expect(await targets(arn)).toEqual([[first, 80, 'DRAINING'], [second, 80, 'HEALTHY'], [third, 80, 'HEALTHY']]);
    h.account.tick();
    expect(await targets(arn)).toEqual([[second, 80, 'HEALTHY'], [third, 80, 'HEALTHY'], [replacement, 80, 'INITIAL']]);
    h.account.tick();
    expect(h.account.latticeTargets(arn)).toEqual({ [second]: 'HEALTHY', [third]: 'HEALTHY', [replacement]: 'UNHEALTHY' });
  });

  it('keep each port of an instance registered on several, each with its own status; the filter names what it keeps', async () => {
    const { arn, ids } = seedLatticeGroup(h);
    const [first = '', second = ''] = ids;
    h.account.setLatticeTargetStatus(arn, first, 'UNAVAILABLE', 8080);
    expect(await targets(arn)).toContainEqual([first, 8080, 'UNAVAILABLE']);
    const asked = await h.vpcLattice.send(new ListTargetsCommand({ targetGroupIdentifier: arn, targets: [{ id: first }, { id: second, port: 8080 }] }));
    expect(asked.items?.map((item) => [item.id, item.port, item.status])).toEqual([[first, 80, 'HEALTHY'], [first, 8080, 'UNAVAILABLE']]);
  });

  it('while AddToLoadBalancer is suspended, a new member is not registered', async () => {
    const { arn, ids } = seedLatticeGroup(h);
    h.account.suspendProcesses('lattice', ['AddToLoadBalancer']);
    await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'lattice', DesiredCapacity: 4 }));
    h.account.tick();
    h.account.tick();
    expect((await targets(arn)).map(([id]) => id)).toEqual(ids);
  });
});

describe('VPC Lattice errors, in its own shapes', () => {
  it('answers an unknown target group ResourceNotFoundException (404), a malformed identifier or page size ValidationException (400)', async () => {
    const { arn } = seedLatticeGroup(h);
    await expect(h.vpcLattice.send(new ListTargetsCommand({ targetGroupIdentifier: 'tg-0123456789abcdefa' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      resourceId: 'tg-0123456789abcdefa',
      resourceType: 'TARGET_GROUP',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(h.vpcLattice.send(new ListTargetsCommand({ targetGroupIdentifier: 'web' }))).rejects.toMatchObject({ name: 'ValidationException', reason: 'fieldValidationFailed', $metadata: { httpStatusCode: 400 } });
    await expect(h.vpcLattice.send(new ListTargetsCommand({ targetGroupIdentifier: arn, maxResults: 101 }))).rejects.toMatchObject({ name: 'ValidationException', fieldList: [{ name: 'maxResults' }] });
    await expect(h.vpcLattice.send(new ListTargetsCommand({ targetGroupIdentifier: arn, nextToken: 'not-a-token' }))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('denies with AccessDeniedException (403), naming the action and the target group ARN, once (not retried)', async () => {
    const { arn } = seedLatticeGroup(h);
    h.account.denyAction('vpc-lattice:ListTargets');
    await expect(h.vpcLattice.send(new ListTargetsCommand({ targetGroupIdentifier: arn.split('/')[1] }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:sts::123456789012:assumed-role/fake-aws-caller/fake-aws-session is not authorized to perform: vpc-lattice:ListTargets on resource: ${arn} with an explicit deny in a service control policy`,
      $metadata: { httpStatusCode: 403, attempts: 1 },
    });
    expect(h.account.calls).toEqual([expect.objectContaining({ service: 'vpc-lattice', action: 'ListTargets', denied: true })]);
  });

  it('throttles with ThrottlingException (429), which the SDK retries', async () => {
    const { arn } = seedLatticeGroup(h);
    h.fake.setThrottle({ rate: 1, services: ['vpc-lattice'] });
    const once = new VPCLatticeClient({ endpoint: h.fake.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 's' }, maxAttempts: 2, retryMode: 'standard' });
    await expect(once.send(new ListTargetsCommand({ targetGroupIdentifier: arn }))).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 429, attempts: 2 } });
    once.destroy();
  });
});
