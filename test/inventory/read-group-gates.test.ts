import { AutoScalingClient, DescribeInstanceRefreshesCommand, DescribeScalingActivitiesCommand } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeInstanceHealthCommand, ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { DescribeTargetHealthCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ListTargetsCommand, VPCLatticeClient, type TargetStatus } from '@aws-sdk/client-vpc-lattice';
import { mockClient } from 'aws-sdk-client-mock';
import { readGroupGates } from '../../lambda/inventory/read-group-gates';
import { toGroupSnapshot } from '../../lambda/inventory/read-groups';
import { awsGroup, daysAgo, testClients } from './aws-fixtures';

const autoScaling = mockClient(AutoScalingClient);
const cloudWatch = mockClient(CloudWatchClient);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const elb = mockClient(ElasticLoadBalancingClient);
const vpcLattice = mockClient(VPCLatticeClient);

const web = toGroupSnapshot(awsGroup('web', ['i-1', 'i-2'], { TargetGroupARNs: ['arn:tg/web'] }));
const denied = () => Object.assign(new Error('User is not authorized to perform this action with an explicit deny in a service control policy'), { name: 'AccessDenied' });

beforeEach(() => {
  for (const mock of [autoScaling, cloudWatch, elbv2, elb, vpcLattice]) mock.reset();
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
    expect(gates?.readFailures).toEqual([{ code: 'read-denied', message: expect.stringMatching(/instance refreshes could not be read: AccessDenied/) }]);
  });

  it('holds on an alarm in ALARM and on a named alarm that does not exist', async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [{ AlarmName: 'api-5xx', StateValue: 'ALARM' }] });
    expect((await gatesOf(['api-5xx', 'typo-alarm']))?.alarmsHolding).toEqual(['api-5xx', 'typo-alarm']);
  });

  it('names as unknown the alarms that do not exist', async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolvesOnce({ MetricAlarms: [{ AlarmName: 'api-5xx', StateValue: 'OK' }], CompositeAlarms: [] });
    expect((await gatesOf(['api-5xx', 'typo-alarm']))?.alarmsUnknown).toEqual(['typo-alarm']);
  });

  it('holds on alarms whose state cannot be read and reports each as a failed read, denied or not', async () => {
    cloudWatch.on(DescribeAlarmsCommand).rejects(denied());
    const gates = await gatesOf(['api-5xx', 'typo-alarm']);
    expect(gates).toMatchObject({ alarmsHolding: ['api-5xx', 'typo-alarm'], alarmsUnknown: [] });
    expect(gates?.readFailures).toEqual([
      { code: 'read-denied', message: expect.stringMatching(/^the state of alarm api-5xx could not be read: AccessDenied/) },
      { code: 'read-denied', message: expect.stringMatching(/^the state of alarm typo-alarm could not be read: AccessDenied/) },
    ]);
    cloudWatch.on(DescribeAlarmsCommand).rejects(new Error('socket hang up'));
    expect((await gatesOf(['api-5xx']))?.readFailures).toEqual([{ code: 'read-failed', message: expect.stringContaining('socket hang up') }]);
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
    expect(gates?.readFailures).toEqual([{ code: 'read-denied', message: expect.stringContaining('target health of arn:tg/web could not be read: AccessDenied') }]);
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
    else expect(gates?.cannotReplace).toEqual({ code: 'cannot-replace', why: expect.stringContaining(failure) });
  });

  it('cannot tell that the group can launch when its activities cannot be read: the hold carries the read\'s code', async () => {
    autoScaling.on(DescribeScalingActivitiesCommand).rejects(denied());
    expect((await gatesOf())?.cannotReplace).toEqual({ code: 'read-denied', why: expect.stringMatching(/could not be read.*AccessDenied/) });
  });

  describe('when recent launches ended, read for a group with a bake time', () => {
    const NOW = Date.parse('2026-11-24T12:00:00Z');
    const MINUTE = 60_000;
    const BAKE_SINCE = NOW - 30 * MINUTE;
    const launch = (instanceId: string, endedMinutesAgo: number, extra: object = {}) => ({
      Description: `Launching a new EC2 instance: ${instanceId}`,
      StatusCode: 'Successful',
      StartTime: new Date(NOW - (endedMinutesAgo + 3) * MINUTE),
      EndTime: new Date(NOW - endedMinutesAgo * MINUTE),
      ...extra,
    });
    const launchesOf = async (bakeSince?: number) => (await readGroupGates(testClients(), [{ group: web, alarmNames: [], bakeSince }])).get('web')?.launchesEnded;

    it('maps each successful launch that ended within the bake time to its EndTime, warm-pool launches too', async () => {
      const warm = launch('i-6', 5, { Description: 'Launching a new EC2 instance from warm pool: i-6' });
      const failed = { Description: 'Launching a new EC2 instance.  Status Reason: capacity', StatusCode: 'Failed', StartTime: new Date(NOW - 8 * MINUTE), EndTime: new Date(NOW - 7 * MINUTE) };
      autoScaling.on(DescribeScalingActivitiesCommand).resolves({ Activities: [warm, failed, launch('i-9', 10), launch('i-8', 120)] as never });

      expect(await launchesOf(BAKE_SINCE)).toEqual(new Map([['i-6', NOW - 5 * MINUTE], ['i-9', NOW - 10 * MINUTE]]));
    });

    it('follows the pages while they still reach into the bake time', async () => {
      autoScaling
        .on(DescribeScalingActivitiesCommand)
        .resolvesOnce({ Activities: [launch('i-9', 10)] as never, NextToken: 'page-2' })
        .resolvesOnce({ Activities: [launch('i-7', 20), launch('i-5', 45)] as never, NextToken: 'page-3' })
        .resolves({ Activities: [launch('i-4', 25)] as never });

      expect(await launchesOf(BAKE_SINCE)).toEqual(new Map([['i-9', NOW - 10 * MINUTE], ['i-7', NOW - 20 * MINUTE]]));
      // The second page reached back past the bake time: the third is not read.
      expect(autoScaling).toHaveReceivedCommandTimes(DescribeScalingActivitiesCommand, 2);
    });

    it('is not read for a group without a bake time: one page, as before', async () => {
      autoScaling.on(DescribeScalingActivitiesCommand).resolvesOnce({ Activities: [launch('i-9', 10)] as never, NextToken: 'page-2' }).resolves({ Activities: [] });

      expect(await launchesOf()).toBeUndefined();
      expect(autoScaling).toHaveReceivedCommandTimes(DescribeScalingActivitiesCommand, 1);
    });
  });

  describe('a VPC Lattice target group (a vpc-lattice traffic source)', () => {
    const LATTICE_TG = 'arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-0123456789abcdef0';
    const lattice = toGroupSnapshot(awsGroup('mesh', ['i-1', 'i-2'], { TrafficSources: [{ Identifier: LATTICE_TG, Type: 'vpc-lattice' }] }));
    const target = (id: string, status: TargetStatus, port = 80) => ({ id, port, status });

    it('is read from the traffic sources, apart from ELB target groups', () => {
      expect([lattice.latticeTargetGroupArns, lattice.targetGroupArns, lattice.loadBalancerNames]).toEqual([[LATTICE_TG], [], []]);
    });

    it('opens the gate when every member is HEALTHY there, every page read', async () => {
      vpcLattice
        .on(ListTargetsCommand)
        .resolvesOnce({ items: [target('i-1', 'HEALTHY')], nextToken: 'page-2' })
        .resolvesOnce({ items: [target('i-2', 'HEALTHY')] });
      expect(await gatesOf([], lattice)).toMatchObject({ unhealthyTargets: [], readFailures: [] });
      expect(vpcLattice).toHaveReceivedCommandWith(ListTargetsCommand, { targetGroupIdentifier: LATTICE_TG, maxResults: 100 });
      expect(vpcLattice).toHaveReceivedCommandWith(ListTargetsCommand, { targetGroupIdentifier: LATTICE_TG, nextToken: 'page-2' });
      expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetHealthCommand, 0);
    });

    it.each<TargetStatus>(['UNHEALTHY', 'INITIAL', 'DRAINING', 'UNAVAILABLE', 'UNUSED'])('holds a member that is %s', async (status) => {
      vpcLattice.on(ListTargetsCommand).resolves({ items: [target('i-1', 'HEALTHY'), target('i-2', status)] });
      expect((await gatesOf([], lattice))?.unhealthyTargets).toEqual(['i-2']);
    });

    it('holds a member it does not list, and one HEALTHY on 80 but not on 8080 (listed first)', async () => {
      vpcLattice.on(ListTargetsCommand).resolves({ items: [target('i-1', 'UNHEALTHY', 8080), target('i-1', 'HEALTHY')] });
      expect((await gatesOf([], lattice))?.unhealthyTargets).toEqual(['i-1', 'i-2']);
    });

    it('holds every member and reports the target group when it cannot be read', async () => {
      vpcLattice.on(ListTargetsCommand).rejects(Object.assign(new Error('User is not authorized to perform: vpc-lattice:ListTargets'), { name: 'AccessDeniedException' }));
      const gates = await gatesOf([], lattice);
      expect(gates?.unhealthyTargets).toEqual(['i-1', 'i-2']);
      expect(gates?.readFailures).toEqual([{ code: 'read-denied', message: `targets of VPC Lattice target group ${LATTICE_TG} could not be read: AccessDeniedException: User is not authorized to perform: vpc-lattice:ListTargets` }]);
    });

    it('reads a target group shared by two groups once', async () => {
      const other = toGroupSnapshot(awsGroup('mesh-2', ['i-3'], { TrafficSources: [{ Identifier: LATTICE_TG, Type: 'vpc-lattice' }] }));
      vpcLattice.on(ListTargetsCommand).resolves({ items: [target('i-1', 'HEALTHY'), target('i-2', 'HEALTHY'), target('i-3', 'UNHEALTHY')] });
      const gates = await readGroupGates(testClients(), [{ group: lattice, alarmNames: [] }, { group: other, alarmNames: [] }]);
      expect([gates.get('mesh')?.unhealthyTargets, gates.get('mesh-2')?.unhealthyTargets]).toEqual([[], ['i-3']]);
      expect(vpcLattice).toHaveReceivedCommandTimes(ListTargetsCommand, 1);
    });
  });
});
