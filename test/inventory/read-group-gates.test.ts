import { AutoScalingClient, DescribeInstanceRefreshesCommand } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeTargetHealthCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { readGroupGates } from '../../lambda/inventory/read-group-gates';
import { toGroupSnapshot } from '../../lambda/inventory/read-groups';
import { awsGroup, testClients } from './aws-fixtures';

const autoScaling = mockClient(AutoScalingClient);
const cloudWatch = mockClient(CloudWatchClient);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const web = toGroupSnapshot(awsGroup('web', ['i-1', 'i-2'], { TargetGroupARNs: ['arn:tg/web'] }));

beforeEach(() => {
  autoScaling.reset();
  cloudWatch.reset();
  elbv2.reset();
  autoScaling.on(DescribeInstanceRefreshesCommand).resolves({ InstanceRefreshes: [] });
  cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'api-5xx', StateValue: 'OK' }], CompositeAlarms: [] });
  elbv2.on(DescribeTargetHealthCommand).resolves({
    TargetHealthDescriptions: [
      { Target: { Id: 'i-1' }, TargetHealth: { State: 'healthy' } },
      { Target: { Id: 'i-2' }, TargetHealth: { State: 'healthy' } },
    ],
  });
});

const gatesOf = async (alarmNames: string[] = ['api-5xx']) => (await readGroupGates(testClients(), [{ group: web, alarmNames }])).get('web');

describe('readGroupGates', () => {
  it('opens the gates of a quiet, healthy group', async () => {
    expect(await gatesOf()).toEqual({ instanceRefreshActive: false, alarmsHolding: [], alarmsUnknown: [], unhealthyTargets: [] });
    expect(cloudWatch).toHaveReceivedCommandWith(DescribeAlarmsCommand, { AlarmNames: ['api-5xx'], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] });
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetHealthCommand, { TargetGroupArn: 'arn:tg/web' });
  });

  it.each(['Pending', 'InProgress'] as const)('holds a group with an instance refresh %s', async (Status) => {
    autoScaling.on(DescribeInstanceRefreshesCommand).resolves({ InstanceRefreshes: [{ Status, AutoScalingGroupName: 'web' }] });
    expect((await gatesOf())?.instanceRefreshActive).toBe(true);
  });

  it('holds a group whose refresh state cannot be read', async () => {
    autoScaling.on(DescribeInstanceRefreshesCommand).rejects(new Error('denied'));
    expect((await gatesOf())?.instanceRefreshActive).toBe(true);
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

  it('lists the group members whose targets are not healthy, all of them when health cannot be read', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolvesOnce({ TargetHealthDescriptions: [{ Target: { Id: 'i-2' }, TargetHealth: { State: 'draining' } }] });
    expect((await gatesOf())?.unhealthyTargets).toEqual(['i-2']);
    elbv2.on(DescribeTargetHealthCommand).rejects(new Error('denied'));
    expect((await gatesOf())?.unhealthyTargets).toEqual(['i-1', 'i-2']);
  });
});
