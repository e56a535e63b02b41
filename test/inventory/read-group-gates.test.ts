import { AutoScalingClient, DescribeInstanceRefreshesCommand, DescribeScalingActivitiesCommand } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeInstanceHealthCommand, ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { DescribeTargetHealthCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { readGroupGates } from '../../lambda/inventory/read-group-gates';
import { toGroupSnapshot } from '../../lambda/inventory/read-groups';
import { awsGroup, daysAgo, testClients } from './aws-fixtures';

const autoScaling = mockClient(AutoScalingClient);
const cloudWatch = mockClient(CloudWatchClient);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const elb = mockClient(ElasticLoadBalancingClient);

const web = toGroupSnapshot(awsGroup('web', ['i-1', 'i-2'], { TargetGroupARNs: ['arn:tg/web'] }));
const denied = () => Object.assign(new Error('User is not authorized to perform this action with an explicit deny in a service control policy'), { name: 'AccessDenied' });

beforeEach(() => {
  for (const mock of [autoScaling, cloudWatch, elbv2, elb]) mock.reset();
  autoScaling.on(DescribeInstanceRefreshesCommand).resolves({ InstanceRefreshes: [] });
  autoScaling.on(DescribeScalingActivitiesCommand).resolves({ Activities: [] });
  cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'api-5xx', StateValue: 'OK' }], CompositeAlarms: [] });
  elbv2.on(DescribeTargetHealthCommand).resolves({
    TargetHealthDescriptions: [
      { Target: { Id: 'i-1' }, TargetHealth: { State: 'healthy' } },
      { Target: { Id: 'i-2' }, TargetHealth: { State: 'healthy' } },
    ],
  });
});

const gatesOf = async (alarmNames: string[] = ['api-5xx'], group = web) => (await readGroupGates(testClients(), [{ group, alarmNames }])).get(group.name);

describe('readGroupGates', () => {
  it('opens the gates of a quiet, healthy group', async () => {
    expect(await gatesOf()).toEqual({ instanceRefreshActive: false, alarmsHolding: [], alarmsUnknown: [], unhealthyTargets: [], cannotReplace: undefined, readFailures: [] });
    expect(cloudWatch).toHaveReceivedCommandWith(DescribeAlarmsCommand, { AlarmNames: ['api-5xx'], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] });
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetHealthCommand, { TargetGroupArn: 'arn:tg/web' });
  });

  it.each(['Pending', 'InProgress'] as const)('holds a group with an instance refresh %s', async (Status) => {
    autoScaling.on(DescribeInstanceRefreshesCommand).resolves({ InstanceRefreshes: [{ Status, AutoScalingGroupName: 'web' }] });
    expect((await gatesOf())?.instanceRefreshActive).toBe(true);
  });

  it('follows NextToken: a refresh in progress on the second page holds the group', async () => {
    autoScaling
      .on(DescribeInstanceRefreshesCommand)
      .resolvesOnce({ InstanceRefreshes: [{ Status: 'Successful' }], NextToken: 'page-2' })
      .resolvesOnce({ InstanceRefreshes: [{ Status: 'InProgress' }] });
    expect((await gatesOf())?.instanceRefreshActive).toBe(true);
    expect(autoScaling).toHaveReceivedCommandWith(DescribeInstanceRefreshesCommand, { NextToken: 'page-2' });
  });

  it('holds a group whose refresh state cannot be read, and reports the failed read', async () => {
    autoScaling.on(DescribeInstanceRefreshesCommand).rejects(denied());
    const gates = await gatesOf();
    expect(gates?.instanceRefreshActive).toBe(true);
    expect(gates?.readFailures).toEqual([expect.stringMatching(/instance refreshes could not be read: AccessDenied/)]);
  });

  it('holds on an alarm in ALARM and on a named alarm that does not exist', async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [{ AlarmName: 'api-5xx', StateValue: 'ALARM' }] });
    expect((await gatesOf(['api-5xx', 'typo-alarm']))?.alarmsHolding).toEqual(['api-5xx', 'typo-alarm']);
  });

  it('names as unknown the alarms that do not exist, and all of them when their state cannot be read', async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolvesOnce({ MetricAlarms: [{ AlarmName: 'api-5xx', StateValue: 'OK' }], CompositeAlarms: [] });
    expect((await gatesOf(['api-5xx', 'typo-alarm']))?.alarmsUnknown).toEqual(['typo-alarm']);
    cloudWatch.on(DescribeAlarmsCommand).rejects(new Error('denied'));
    expect((await gatesOf(['api-5xx', 'typo-alarm']))?.alarmsUnknown).toEqual(['api-5xx', 'typo-alarm']);
  });

  it('lists the members whose targets are not healthy, all of them when health cannot be read (and reports that read)', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolvesOnce({
      TargetHealthDescriptions: [
        { Target: { Id: 'i-1' }, TargetHealth: { State: 'healthy' } },
        { Target: { Id: 'i-2' }, TargetHealth: { State: 'draining' } },
      ],
    });
    expect((await gatesOf())?.unhealthyTargets).toEqual(['i-2']);
    elbv2.on(DescribeTargetHealthCommand).rejects(denied());
    const gates = await gatesOf();
    expect(gates?.unhealthyTargets).toEqual(['i-1', 'i-2']);
    expect(gates?.readFailures).toEqual([expect.stringContaining('target health of arn:tg/web could not be read: AccessDenied')]);
  });

  it.each([
    ['80 listed first', [80, 8080]],
    ['8080 listed first', [8080, 80]],
  ])('counts a member registered on two ports as healthy only if both registrations are (%s)', async (_title, ports) => {
    const state = (port: number) => (port === 8080 ? 'unhealthy' : 'healthy');
    elbv2.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        ...ports.map((Port) => ({ Target: { Id: 'i-1', Port }, HealthCheckPort: String(Port), TargetHealth: { State: state(Port) as 'healthy' } })),
        { Target: { Id: 'i-2', Port: 80 }, TargetHealth: { State: 'healthy' } },
      ],
    });
    expect((await gatesOf())?.unhealthyTargets).toEqual(['i-1']);
  });

  it('counts a member the target group does not list (never registered) as not healthy', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [{ Target: { Id: 'i-1' }, TargetHealth: { State: 'healthy' } }] });
    expect((await gatesOf())?.unhealthyTargets).toEqual(['i-2']);
  });

  it('checks members against a Classic Load Balancer attached by name or as a traffic source', async () => {
    const classic = toGroupSnapshot(awsGroup('legacy', ['i-1', 'i-2'], { LoadBalancerNames: ['legacy-elb'], TrafficSources: [{ Identifier: 'other-elb', Type: 'elb' }] }));
    elb.on(DescribeInstanceHealthCommand, { LoadBalancerName: 'legacy-elb' }).resolves({ InstanceStates: [{ InstanceId: 'i-1', State: 'InService' }, { InstanceId: 'i-2', State: 'OutOfService' }] });
    elb.on(DescribeInstanceHealthCommand, { LoadBalancerName: 'other-elb' }).resolves({ InstanceStates: [{ InstanceId: 'i-1', State: 'InService' }, { InstanceId: 'i-2', State: 'InService' }] });
    expect((await gatesOf([], classic))?.unhealthyTargets).toEqual(['i-2']);
    expect(elb).toHaveReceivedCommandTimes(DescribeInstanceHealthCommand, 2);
  });

  it('checks a target group attached as a traffic source too', async () => {
    const sourced = toGroupSnapshot(awsGroup('web', ['i-1', 'i-2'], { TrafficSources: [{ Identifier: 'arn:tg/web', Type: 'elbv2' }] }));
    elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
    expect((await gatesOf([], sourced))?.unhealthyTargets).toEqual(['i-1', 'i-2']);
  });

  it.each<[string, object[], string | undefined]>([
    ['the newest launch succeeded after a failed one', [{ Description: 'Launching a new EC2 instance: i-9', StatusCode: 'Successful' }, { Description: 'Launching a new EC2 instance.  Status Reason: bad', StatusCode: 'Failed' }], undefined],
    ['the newest launch failed', [{ Description: 'Terminating EC2 instance: i-1', StatusCode: 'Successful' }, { Description: 'Launching a new EC2 instance.  Status Reason: The image id does not exist', StatusCode: 'Failed', StatusMessage: "The image id '[ami-gone]' does not exist", StartTime: daysAgo(0) }], "The image id '[ami-gone]' does not exist"],
    ['no launch lately', [{ Description: 'Terminating EC2 instance: i-1', StatusCode: 'Successful' }], undefined],
    ['a launch in progress (listed first) after a failed one', [{ Description: 'Launching a new EC2 instance: i-9', StatusCode: 'InProgress' }, { Description: 'Launching a new EC2 instance.  Status Reason: gone', StatusCode: 'Failed', StatusMessage: 'gone' }], 'gone'],
  ])('can the group replace what it loses: %s', async (_title, Activities, failure) => {
    autoScaling.on(DescribeScalingActivitiesCommand).resolves({ Activities: Activities as never });
    const gates = await gatesOf();
    if (failure === undefined) expect(gates?.cannotReplace).toBeUndefined();
    else expect(gates?.cannotReplace).toContain(failure);
  });

  it('cannot tell that the group can launch when its activities cannot be read', async () => {
    autoScaling.on(DescribeScalingActivitiesCommand).rejects(denied());
    expect((await gatesOf())?.cannotReplace).toMatch(/could not be read.*AccessDenied/);
  });
});
