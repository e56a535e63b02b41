import { DescribeAlarmsCommand, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import { PublishCommand } from '@aws-sdk/client-sns';
import { DeleteParameterCommand, GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { NOW, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('SSM', () => {
  it('puts, overwrites, gets and deletes parameters, answering ParameterNotFound like AWS', async () => {
    await expect(h.ssm.send(new GetParameterCommand({ Name: '/reaper/blocked' }))).rejects.toMatchObject({ name: 'ParameterNotFound', $metadata: { httpStatusCode: 400 } });
    expect(await h.ssm.send(new PutParameterCommand({ Name: '/reaper/blocked', Value: 'ami-1,ami-2', Type: 'StringList' }))).toMatchObject({ Version: 1 });
    await expect(h.ssm.send(new PutParameterCommand({ Name: '/reaper/blocked', Value: 'none', Type: 'String' }))).rejects.toMatchObject({ name: 'ParameterAlreadyExists' });
    await h.ssm.send(new PutParameterCommand({ Name: '/reaper/blocked', Value: 'ami-3', Overwrite: true }));
    const { Parameter } = await h.ssm.send(new GetParameterCommand({ Name: '/reaper/blocked' }));
    expect(Parameter).toMatchObject({ Name: '/reaper/blocked', Type: 'StringList', Value: 'ami-3', Version: 2, LastModifiedDate: new Date(NOW) });
    await h.ssm.send(new DeleteParameterCommand({ Name: '/reaper/blocked' }));
    await expect(h.ssm.send(new DeleteParameterCommand({ Name: '/reaper/blocked' }))).rejects.toMatchObject({ name: 'ParameterNotFound' });
  });
});

describe('CloudWatch', () => {
  it('describes metric and composite alarms by name with their state, unknown names absent, page by page', async () => {
    for (const name of ['a', 'b', 'c']) h.account.addAlarm(name);
    h.account.addAlarm('composite', { type: 'CompositeAlarm', state: 'ALARM' });
    h.account.setAlarmState('b', 'ALARM');
    const states = new Map<string, string>();
    const pages = paginateDescribeAlarms({ client: h.cloudWatch }, { AlarmNames: ['a', 'b', 'c', 'composite', 'missing'], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] });
    for await (const page of pages) for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) states.set(alarm.AlarmName ?? '', alarm.StateValue ?? '');
    expect(Object.fromEntries(states)).toEqual({ a: 'OK', b: 'ALARM', c: 'OK', composite: 'ALARM' });
    const metricOnly = await h.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: ['composite'] }));
    expect([metricOnly.MetricAlarms, metricOnly.CompositeAlarms]).toEqual([[], []]);
  });
});

describe('SNS', () => {
  it('records published messages and returns their IDs', async () => {
    const topic = 'arn:aws:sns:us-east-1:123456789012:reaper';
    const { MessageId } = await h.sns.send(new PublishCommand({ TopicArn: topic, Subject: 'reaper: 1 terminated', Message: 'details' }));
    expect(h.account.published).toEqual([{ messageId: MessageId, topicArn: topic, subject: 'reaper: 1 terminated', message: 'details', at: NOW }]);
    expect(h.account.mutatingCalls()).toEqual([{ service: 'sns', action: 'Publish', params: { TopicArn: topic, Subject: 'reaper: 1 terminated', Message: 'details' }, throttled: false }]);
  });
});

it('answers CloudWatch errors query-compatibly, so the SDK maps ValidationError to its modelled exception', async () => {
  await expect(h.cloudWatch.send(new DescribeAlarmsCommand({ MaxRecords: 101 }))).rejects.toMatchObject({
    name: 'ValidationException',
    Error: { Code: 'ValidationError', Type: 'Sender' },
    $metadata: { httpStatusCode: 400 },
  });
});
