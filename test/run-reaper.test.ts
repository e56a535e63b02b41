import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribeInstanceRefreshesCommand,
  DescribeScalingActivitiesCommand,
  TerminateInstanceInAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { DescribeImagesCommand, DescribeInstancesCommand, DescribeLaunchTemplateVersionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { loadEnv, mergeRunPolicy, parseEvent } from '../lambda/config/load-run-policy';
import { assembleReport, readReportLine } from '../lambda/report/assemble-report';
import { RUN_REPORT_MESSAGE } from '../lambda/report/report-lines';
import { runReaper } from '../lambda/run-reaper';
import { awsGroup, awsInstance, daysAgo, NOW, testClients } from './inventory/aws-fixtures';

const ec2 = mockClient(EC2Client);
const autoScaling = mockClient(AutoScalingClient);
const ssm = mockClient(SSMClient);
const sns = mockClient(SNSClient);
const eventBridge = mockClient(EventBridgeClient);
type EmfLine = Record<string, unknown> & { _aws: { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[] } };

beforeEach(() => {
  for (const mock of [ec2, autoScaling, ssm, sns, eventBridge]) mock.reset();
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
  autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [awsGroup('web', ['i-old', 'i-new'])] });
  autoScaling.on(DescribeInstanceRefreshesCommand).resolves({ InstanceRefreshes: [] });
  autoScaling.on(DescribeScalingActivitiesCommand).resolves({ Activities: [] });
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [awsInstance('i-old', 40), awsInstance('i-new', 3)] }] });
  ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [{ VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: { ImageId: 'ami-new' } }] });
  ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-new', State: 'available', CreationDate: daysAgo(5).toISOString() }] });
  ssm.on(GetParameterCommand).resolves({ Parameter: { Name: '/reaper/blocked', Value: 'none' } });
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

function run(variables: Record<string, string>, event: unknown = {}, runId?: string) {
  const logger = new Logger({ serviceName: 'instance-reaper', logLevel: 'SILENT' });
  const metrics = new Metrics({ namespace: 'InstanceReaper', serviceName: 'instance-reaper' });
  const info = jest.spyOn(logger, 'info');
  const warn = jest.spyOn(logger, 'warn');
  const emf: EmfLine[] = [];
  jest.spyOn(metrics['console'], 'log').mockImplementation((...args: unknown[]) => emf.push(JSON.parse(String(args[0])) as EmfLine));
  const settings = mergeRunPolicy(loadEnv({ REAPER_BLOCKED_AMIS_PARAMETER: '/reaper/blocked', ...variables }), parseEvent(event));
  const report = runReaper({ clients: testClients(), settings, now: NOW, logger, metrics, runId });
  return { report, info, warn, emf };
}

describe('runReaper', () => {
  it('in a dry run reports what it would terminate and sends no mutating command', async () => {
    const { report } = run({ REAPER_DRY_RUN: 'true' });

    await expect(report).resolves.toMatchObject({ dryRun: true, terminated: [{ instanceId: 'i-old', group: 'web', reasons: ['max-age'] }] });
    const commandNames = autoScaling.calls().map((call) => call.args[0].constructor.name);
    expect(commandNames.filter((name) => !name.startsWith('Describe'))).toEqual([]);
    expect(commandNames).toContain('DescribeAutoScalingGroupsCommand');
  });

  it('considers only the groups the invocation names: asks Auto Scaling for them alone and reports no unmanaged instance', async () => {
    const loose = awsInstance('i-loose', 200, 'ami-new', { Tags: [] });
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [awsInstance('i-old', 40), awsInstance('i-new', 3), loose] }] });

    const report = await run({ REAPER_DRY_RUN: 'true' }, { groups: ['web'] }).report;

    expect(autoScaling).toHaveReceivedCommandWith(DescribeAutoScalingGroupsCommand, { AutoScalingGroupNames: ['web'] });
    expect(report.unmanaged).toEqual([]);
  });

  it('terminates the due instance through its group without decrementing, and only it', async () => {
    await run({}).report;

    expect(autoScaling).toHaveReceivedCommandTimes(TerminateInstanceInAutoScalingGroupCommand, 1);
    expect(autoScaling).toHaveReceivedCommandWith(TerminateInstanceInAutoScalingGroupCommand, { InstanceId: 'i-old', ShouldDecrementDesiredCapacity: false });
  });

  it('reads the acting groups again just before the first write, once, and writes nothing when that read fails', async () => {
    autoScaling
      .on(DescribeAutoScalingGroupsCommand)
      .resolvesOnce({ AutoScalingGroups: [awsGroup('web', ['i-old', 'i-new'])] })
      .rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDenied' }));

    const report = await run({}).report;

    expect(autoScaling).toHaveReceivedCommandTimes(DescribeAutoScalingGroupsCommand, 2);
    expect(autoScaling.commandCalls(DescribeAutoScalingGroupsCommand)[1]?.args[0].input).toMatchObject({ AutoScalingGroupNames: ['web'] });
    expect(autoScaling).not.toHaveReceivedCommand(TerminateInstanceInAutoScalingGroupCommand);
    expect(report.terminated).toEqual([]);
    expect(report.deferred).toEqual([expect.objectContaining({ instanceId: 'i-old', why: 'group-unstable' })]);
    expect(report.errors).toEqual([{ code: 'read-denied', message: expect.stringContaining('could not be read again just before the first write (AccessDenied') }]);
  });

  it('logs one line per termination with its age and AMI, then the report in parts naming the run', async () => {
    const { report, info } = run({}, {}, 'req-1234');
    const result = await report;
    const parts = info.mock.calls
      .filter(([message]) => message === RUN_REPORT_MESSAGE)
      .flatMap(([message, fields]) => readReportLine({ message, ...(fields as object) }) ?? []);

    expect(info).toHaveBeenCalledWith('terminated', { instanceId: 'i-old', group: 'web', reasons: ['max-age'], ageDays: 40, imageId: 'ami-new' });
    expect(info).toHaveBeenLastCalledWith(RUN_REPORT_MESSAGE, expect.objectContaining({ runId: 'req-1234', part: 2, parts: 2 }));
    expect(assembleReport(parts)).toEqual(result);
  });

  it('without a run ID, names its report parts with a generated one', async () => {
    const { report, info } = run({});
    await report;
    const runIds = info.mock.calls.filter(([message]) => message === RUN_REPORT_MESSAGE).map(([, fields]) => (fields as { runId?: unknown }).runId);

    expect(runIds).toHaveLength(2);
    expect(runIds[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(runIds[1]).toBe(runIds[0]);
  });

  it('publishes the run counts and account freshness on one EMF line, and logs each group freshness on a line naming it', async () => {
    const { report, emf, info } = run({});
    await report;

    const [runLine] = emf;
    expect(emf).toHaveLength(1);
    expect(runLine?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service']]);
    expect(runLine).toMatchObject({ Terminated: 1, Deferred: 0, Unmanaged: 0, Errors: 0, OldestInstanceAgeDays: 40, InstancesPastLifetime: 1 });
    expect(runLine).not.toHaveProperty('AutoScalingGroupName');
    expect(info).toHaveBeenCalledWith('group freshness', {
      AutoScalingGroupName: 'web',
      instances: 2,
      oldestInstanceAgeDays: 40,
      instancesPastLifetime: 1,
      instancesOnStaleAmi: 0,
      withinPolicyPercent: 50,
    });
  });

  describe('the central bus', () => {
    const busArn = 'arn:aws:events:eu-west-1:999999999999:event-bus/instance-reaper-central';

    it('sends the run summary to the bus named by ARN, through the bus region, and reports no error', async () => {
      const report = await run({ REAPER_CENTRAL_BUS_ARN: busArn, REAPER_DRY_RUN: 'true' }).report;

      expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 1);
      const [entry] = eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries ?? [];
      expect(entry).toMatchObject({ EventBusName: busArn, Source: 'instance-reaper', DetailType: 'Instance Reaper Run Summary' });
      expect(JSON.parse(entry?.Detail ?? '{}')).toMatchObject({ dryRun: true, terminated: 1, scanned: { groups: 1, instances: 2 } });
      const client = eventBridge.commandCalls(PutEventsCommand)[0]?.thisValue as EventBridgeClient | undefined;
      expect(await client?.config.region()).toBe('eu-west-1');
      expect(report.errors).toEqual([]);
    });

    it('sends nothing when no bus is configured', async () => {
      await run({ REAPER_DRY_RUN: 'true' }).report;

      expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 0);
    });

    it.each([
      ['the call fails', () => eventBridge.on(PutEventsCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' })), 'AccessDeniedException: not authorized'],
      ['the bus refuses the entry', () => eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] }), 'InternalFailure: try again'],
    ])('reports a summary that was not sent in errors when %s, and still acts', async (_case, arrange, message) => {
      arrange();

      const report = await run({ REAPER_CENTRAL_BUS_ARN: busArn }).report;

      expect(report.terminated).toEqual([expect.objectContaining({ instanceId: 'i-old' })]);
      expect(report.errors).toEqual([{ code: 'notify-failed', message: `run summary not sent to ${busArn}: ${message}` }]);
    });
  });

  it('sends a summary to the topic when it terminated something', async () => {
    await run({ REAPER_TOPIC_ARN: 'arn:aws:sns:us-east-1:111111111111:reaper' }).report;

    expect(sns).toHaveReceivedCommandWith(PublishCommand, { TopicArn: 'arn:aws:sns:us-east-1:111111111111:reaper' });
  });

  describe('a summary the topic does not take', () => {
    const topicArn = 'arn:aws:sns:us-east-1:111111111111:reaper';
    const busArn = 'arn:aws:events:eu-west-1:999999999999:event-bus/instance-reaper-central';
    const notPublished = `run summary not published to ${topicArn}: KMSAccessDeniedException: key not usable`;
    beforeEach(() => {
      sns.on(PublishCommand).rejects(Object.assign(new Error('key not usable'), { name: 'KMSAccessDeniedException' }));
    });

    it('goes on: the run itself has happened, and the failure is one of its errors, naming the topic', async () => {
      const report = await run({ REAPER_TOPIC_ARN: topicArn }).report;

      expect(report.terminated).toEqual([expect.objectContaining({ instanceId: 'i-old' })]);
      expect(report.errors).toEqual([{ code: 'notify-failed', message: notPublished }]);
    });

    it('is counted in the Errors metric, and so in the alarm, logged with the report and warned of', async () => {
      const { report, emf, info, warn } = run({ REAPER_TOPIC_ARN: topicArn });
      await report;

      expect(emf[0]).toMatchObject({ Errors: 1 });
      expect(JSON.stringify(info.mock.calls)).toContain(notPublished);
      expect(warn).toHaveBeenCalledWith('notification failed', { topicArn, error: 'KMSAccessDeniedException: key not usable' });
    });

    it('reaches the central bus, the path that did not fail', async () => {
      await run({ REAPER_TOPIC_ARN: topicArn, REAPER_CENTRAL_BUS_ARN: busArn }).report;

      const [entry] = eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries ?? [];
      expect(JSON.parse(entry?.Detail ?? '{}')).toMatchObject({ errors: 1, errorMessages: [notPublished] });
    });
  });

  it('warns when a group launches the stale AMI its instances are due for: replacements would be due again', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-new', State: 'available', CreationDate: daysAgo(5).toISOString(), DeprecationTime: daysAgo(1).toISOString() }] });
    const { report, warn } = run({ REAPER_DRY_RUN: 'true' });
    await report;

    expect(warn).toHaveBeenCalledWith(expect.stringContaining('stale AMI'), { group: 'web', imageId: 'ami-new', reasons: ['ami-deprecated'] });
  });

  it('does not warn when the group launches a fresh AMI', async () => {
    const { report, warn } = run({});
    await report;

    expect(warn).not.toHaveBeenCalled();
  });
});
