import { SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { seedWebGroup, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

async function targetStates(arn: string): Promise<Record<string, string>> {
  const response = await h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
  return Object.fromEntries((response.TargetHealthDescriptions ?? []).map((target) => [target.Target?.Id ?? '', target.TargetHealth?.State ?? '']));
}

/** The web template and a group `lb` of two behind a new target group. */
function seedBalancedGroup(harness: Harness): { arn: string; ids: string[]; unrelated: string[] } {
  const arn = harness.account.addTargetGroup('web');
  const { instanceIds } = seedWebGroup(harness.account);
  harness.account.addGroup({ name: 'lb', desiredCapacity: 2, maxSize: 4, launchTemplate: { name: 'web' }, targetGroupArns: [arn] });
  return { arn, ids: harness.account.fillGroup('lb'), unrelated: instanceIds };
}

describe('Elastic Load Balancing v2 target health', () => {
  it('lists registered targets with AWS reasons: new instances initial, then healthy a tick later; draining while terminating; unknown ARN fails', async () => {
    const { arn, ids, unrelated } = seedBalancedGroup(h);
    const [first, second] = ids;
    h.account.setTargetHealth(arn, second ?? '', 'unhealthy');
    h.account.terminateInstanceInGroup(first ?? '');
    const replacement = h.account.group('lb').members.find((member) => member.lifecycleState === 'Pending')?.instanceId ?? '';
    expect(await targetStates(arn)).toEqual({ [first ?? '']: 'draining', [second ?? '']: 'unhealthy' });
    h.account.tick();
    expect(await targetStates(arn)).toEqual({ [second ?? '']: 'unhealthy', [replacement]: 'initial' });
    const registering = await h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn, Targets: [{ Id: replacement }] }));
    expect(registering.TargetHealthDescriptions?.[0]?.TargetHealth).toEqual({ State: 'initial', Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' });
    h.account.tick();
    expect(await targetStates(arn)).toEqual({ [second ?? '']: 'unhealthy', [replacement]: 'healthy' });
    const unregistered = await h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn, Targets: [{ Id: unrelated[0] }] }));
    expect(unregistered.TargetHealthDescriptions?.[0]?.TargetHealth).toEqual({ State: 'unused', Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' });
    await expect(h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: `${arn}x` }))).rejects.toMatchObject({ name: 'TargetGroupNotFoundException' });
  });

  it("settles new registrations at the target group's new-target health, and they stay there", async () => {
    const { arn, ids } = seedBalancedGroup(h);
    h.account.setNewTargetHealth(arn, 'unhealthy');
    await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'lb', DesiredCapacity: 3 }));
    const added = h.account.tick().inService[0] ?? '';
    for (let tick = 0; tick < 3; tick += 1) h.account.tick();
    expect(await targetStates(arn)).toEqual({ [ids[0] ?? '']: 'healthy', [ids[1] ?? '']: 'healthy', [added]: 'unhealthy' });
  });
});

describe('an instance registered on several ports', () => {
  const registrations = async (arn: string) =>
    ((await h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }))).TargetHealthDescriptions ?? []).map((target) => [target.Target?.Id, target.Target?.Port, target.HealthCheckPort, target.TargetHealth?.State]);

  it('lists each registration with its port and its own health; asked for by ID alone, the target group port answers', async () => {
    const { arn, ids } = seedBalancedGroup(h);
    const [first = '', second = ''] = ids;
    h.account.setTargetHealth(arn, first, 'unhealthy', 8080);
    expect(await registrations(arn)).toEqual([
      [first, 80, '80', 'healthy'],
      [second, 80, '80', 'healthy'],
      [first, 8080, '8080', 'unhealthy'],
    ]);
    const asked = await h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn, Targets: [{ Id: first }, { Id: first, Port: 8080 }, { Id: second, Port: 8080 }] }));
    expect(asked.TargetHealthDescriptions?.map((target) => [target.Target?.Port, target.TargetHealth?.State])).toEqual([[80, 'healthy'], [8080, 'unhealthy'], [8080, 'unused']]);
    expect(h.account.targetHealth(arn)).toEqual({ [first]: 'healthy', [second]: 'healthy', [`${first}:8080`]: 'unhealthy' });
  });

  it("terminating drains the group's own registration; the instance once gone is registered nowhere", () => {
    const { arn, ids } = seedBalancedGroup(h);
    const [first = ''] = ids;
    h.account.setTargetHealth(arn, first, 'healthy', 8080);
    h.account.terminateInstanceInGroup(first);
    expect(h.account.targetHealth(arn)).toMatchObject({ [first]: 'draining', [`${first}:8080`]: 'healthy' });
    h.account.tick();
    expect(Object.keys(h.account.targetHealth(arn)).filter((key) => key.startsWith(first))).toEqual([]);
  });

  it('a second registration of a new instance settles on the next tick like the first', async () => {
    const { arn } = seedBalancedGroup(h);
    await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'lb', DesiredCapacity: 3 }));
    const added = h.account.tick().inService[0] ?? '';
    h.account.setTargetHealth(arn, added, 'initial', 8080);
    h.account.tick();
    expect(h.account.targetHealth(arn)).toMatchObject({ [added]: 'healthy', [`${added}:8080`]: 'healthy' });
  });
});

describe('AddToLoadBalancer', () => {
  it('while suspended, new instances are not registered and existing ones stay; resuming does not register what launched meanwhile', async () => {
    const { arn, ids } = seedBalancedGroup(h);
    h.account.suspendProcesses('lb', ['AddToLoadBalancer']);
    await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'lb', DesiredCapacity: 3 }));
    const unregistered = h.account.tick().inService[0] ?? '';
    h.account.tick();
    expect(Object.keys(await targetStates(arn))).toEqual(ids);
    expect(h.account.group('lb').inService).toContain(unregistered);

    h.account.resumeProcesses('lb', ['AddToLoadBalancer']);
    await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'lb', DesiredCapacity: 4 }));
    const registered = h.account.tick().inService[0] ?? '';
    h.account.tick();
    expect(await targetStates(arn)).toEqual({ [ids[0] ?? '']: 'healthy', [ids[1] ?? '']: 'healthy', [registered]: 'healthy' });
    // Terminating an instance that was never registered registers nothing.
    h.account.terminateInstanceInGroup(unregistered, true);
    expect(await targetStates(arn)).not.toHaveProperty(unregistered);
  });
});
