import { DescribeAutoScalingGroupsCommand, SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeInstanceHealthCommand } from '@aws-sdk/client-elastic-load-balancing';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { seedWebGroup, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const CALLER = 'User: arn:aws:sts::123456789012:assumed-role/fake-aws-caller/fake-aws-session is not authorized to perform:';
const BY_SCP = 'with an explicit deny in a service control policy';

it("answers each service's own access-denied error, which the SDK does not retry, and logs it as denied", async () => {
  seedWebGroup(h.account);
  const groupArn = h.account.group('web').arn;
  const targetGroup = h.account.addTargetGroup('web');
  h.account.addClassicLoadBalancer('legacy');
  const topic = 'arn:aws:sns:us-east-1:123456789012:reaper';
  for (const action of ['DescribeInstances', 'SetDesiredCapacity', 'DescribeTargetHealth', 'DescribeInstanceHealth', 'DescribeAlarms', 'GetParameter', 'Publish']) h.account.denyAction(action);

  const cases = [
    [h.ec2.send(new DescribeInstancesCommand({})), 'UnauthorizedOperation', 403, `You are not authorized to perform this operation. ${CALLER} ec2:DescribeInstances ${BY_SCP}`],
    [h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: 1 })), 'AccessDenied', 403, `${CALLER} autoscaling:SetDesiredCapacity on resource: ${groupArn} ${BY_SCP}`],
    [h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroup })), 'AccessDenied', 403, `${CALLER} elasticloadbalancing:DescribeTargetHealth on resource: ${targetGroup} ${BY_SCP}`],
    [
      h.elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: 'legacy' })),
      'AccessDenied',
      403,
      `${CALLER} elasticloadbalancing:DescribeInstanceHealth on resource: arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/legacy ${BY_SCP}`,
    ],
    [h.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: ['cpu'] })), 'AccessDenied', 403, `${CALLER} cloudwatch:DescribeAlarms ${BY_SCP}`],
    [h.ssm.send(new GetParameterCommand({ Name: '/reaper/blocked' })), 'AccessDeniedException', 400, `${CALLER} ssm:GetParameter on resource: arn:aws:ssm:us-east-1:123456789012:parameter/reaper/blocked ${BY_SCP}`],
    [h.sns.send(new PublishCommand({ TopicArn: topic, Message: 'm' })), 'AuthorizationErrorException', 403, `${CALLER} SNS:Publish on resource: ${topic} ${BY_SCP}`],
  ] as const;
  for (const [call, name, status, message] of cases) await expect(call).rejects.toMatchObject({ name, message, $metadata: { httpStatusCode: status, attempts: 1 } });

  // One attempt each, though the harness's clients retry retryable errors ten times.
  expect(h.account.calls).toHaveLength(cases.length);
  expect(h.account.calls.every((call) => call.denied === true && !call.throttled)).toBe(true);
  expect(h.account.group('web').desiredCapacity).toBe(3);
  expect(h.account.published).toEqual([]);
  expect(h.account.mutatingCalls().map((call) => call.action)).toEqual(['SetDesiredCapacity', 'Publish']);
});

it('denies only the calls a predicate picks, in the service named, until allowed again', async () => {
  seedWebGroup(h.account);
  h.account.addGroup({ name: 'api', desiredCapacity: 1, maxSize: 3, launchTemplate: { name: 'web' } });
  h.account.denyAction('autoscaling:SetDesiredCapacity', { when: (params) => params.AutoScalingGroupName === 'web' });
  h.account.denyAction('ec2:DescribeAutoScalingGroups');
  await expect(h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: 4 }))).rejects.toMatchObject({ name: 'AccessDenied' });
  await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'api', DesiredCapacity: 2 }));
  await h.autoScaling.send(new DescribeAutoScalingGroupsCommand({}));
  expect([h.account.group('web').desiredCapacity, h.account.group('api').desiredCapacity]).toEqual([3, 2]);
  h.account.allowAction('autoscaling:SetDesiredCapacity');
  await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: 4 }));
  expect(h.account.group('web').desiredCapacity).toBe(4);
  expect(h.account.calls.filter((call) => call.denied)).toHaveLength(1);
});
