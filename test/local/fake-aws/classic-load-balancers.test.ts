import { SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstanceHealthCommand, type InstanceState } from '@aws-sdk/client-elastic-load-balancing';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { seedWebGroup, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

async function instanceHealth(name: string, instanceIds?: readonly string[]): Promise<InstanceState[]> {
  const input = { LoadBalancerName: name, ...(instanceIds ? { Instances: instanceIds.map((InstanceId) => ({ InstanceId })) } : {}) };
  return (await h.elb.send(new DescribeInstanceHealthCommand(input))).InstanceStates ?? [];
}

const stateOf = (states: readonly InstanceState[]) => Object.fromEntries(states.map((state) => [state.InstanceId ?? '', state.State ?? '']));

it('serves DescribeInstanceHealth at the shared signing name, told from ELBv2 by the API version, with its own endpoint variable', async () => {
  expect(h.fake.env.AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING).toBe(h.fake.endpoint);
  const arn = h.account.addTargetGroup('web');
  h.account.addClassicLoadBalancer('web-classic');
  expect(await instanceHealth('web-classic')).toEqual([]);
  expect((await h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }))).TargetHealthDescriptions).toEqual([]);
  await expect(instanceHealth('nope')).rejects.toMatchObject({
    name: 'AccessPointNotFoundException',
    Error: { Code: 'LoadBalancerNotFound' },
    message: "There is no ACTIVE Load Balancer named 'nope'",
    $metadata: { httpStatusCode: 400 },
  });
  expect(h.account.calls.map((call) => [call.service, call.action])).toEqual([
    ['elasticloadbalancing', 'DescribeInstanceHealth'],
    ['elasticloadbalancing', 'DescribeTargetHealth'],
    ['elasticloadbalancing', 'DescribeInstanceHealth'],
  ]);
});

it('registers members like target groups: in progress first, InService a tick later, deregistering while terminating, gone after', async () => {
  const { imageId } = seedWebGroup(h.account);
  h.account.addGroup({ name: 'classic', desiredCapacity: 2, launchTemplate: { name: 'web' }, loadBalancerNames: ['web-classic'] });
  const [first, second] = h.account.fillGroup('classic');
  const loner = h.account.addInstance({ imageId });
  h.account.setClassicInstanceHealth('web-classic', second ?? '', 'OutOfService');
  h.account.terminateInstanceInGroup(first ?? '');
  const replacement = h.account.tick().inService[0] ?? '';

  const states = await instanceHealth('web-classic');
  expect(states).toEqual([
    { InstanceId: second, State: 'OutOfService', ReasonCode: 'Instance', Description: 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.' },
    { InstanceId: replacement, State: 'OutOfService', ReasonCode: 'ELB', Description: 'Instance registration is still in progress.' },
  ]);
  h.account.tick();
  expect(stateOf(await instanceHealth('web-classic'))).toEqual({ [second ?? '']: 'OutOfService', [replacement]: 'InService' });
  expect(await instanceHealth('web-classic', [loner])).toEqual([
    { InstanceId: loner, State: 'OutOfService', ReasonCode: 'ELB', Description: 'Instance is not currently registered with the LoadBalancer.' },
  ]);
  await expect(instanceHealth('web-classic', ['i-0000000000000dead'])).rejects.toMatchObject({ name: 'InvalidEndPointException', Error: { Code: 'InvalidInstance' } });

  h.account.terminateInstanceInGroup(replacement, true);
  expect(await instanceHealth('web-classic', [replacement])).toEqual([
    { InstanceId: replacement, State: 'InService', ReasonCode: 'ELB', Description: 'Instance deregistration currently in progress.' },
  ]);
  h.account.tick();
  expect(Object.keys(stateOf(await instanceHealth('web-classic')))).toEqual([second]);
});

it('settles new registrations at the new-instance health, and registers nothing new while AddToLoadBalancer is suspended', async () => {
  seedWebGroup(h.account);
  h.account.addGroup({ name: 'classic', desiredCapacity: 1, maxSize: 4, launchTemplate: { name: 'web' }, loadBalancerNames: ['web-classic'] });
  const [seeded] = h.account.fillGroup('classic');
  h.account.setNewClassicInstanceHealth('web-classic', 'OutOfService');
  await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'classic', DesiredCapacity: 2 }));
  const added = h.account.tick().inService[0] ?? '';
  h.account.suspendProcesses('classic', ['AddToLoadBalancer']);
  await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'classic', DesiredCapacity: 3 }));
  h.account.tick();
  h.account.tick();
  expect(stateOf(await instanceHealth('web-classic'))).toEqual({ [seeded ?? '']: 'InService', [added]: 'OutOfService' });
  expect(h.account.classicInstanceHealth('web-classic')).toEqual({ [seeded ?? '']: 'InService', [added]: 'OutOfService' });
});
