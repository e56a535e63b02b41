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
import { mockClient } from 'aws-sdk-client-mock';
import { loadEnv, mergeRunPolicy, parseEvent } from '../lambda/config/load-run-policy';
import { runReaper } from '../lambda/run-reaper';
import { awsGroup, awsInstance, daysAgo, NOW, testClients } from './inventory/aws-fixtures';

const ec2 = mockClient(EC2Client);
const autoScaling = mockClient(AutoScalingClient);

/** Three groups of two, each with one due instance: `oldest` (60 days), `middle` (50), `young` (40). */
const AGES: Record<string, number> = { oldest: 60, middle: 50, young: 40 };

beforeEach(() => {
  ec2.reset();
  autoScaling.reset();
  const names = Object.keys(AGES);
  autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: names.map((name) => awsGroup(name, [`i-${name}`, `i-${name}-2`])) });
  autoScaling.on(DescribeInstanceRefreshesCommand).resolves({ InstanceRefreshes: [] });
  autoScaling.on(DescribeScalingActivitiesCommand).resolves({ Activities: [] });
  ec2.on(DescribeInstancesCommand).resolves({
    Reservations: [{ Instances: names.flatMap((name) => [awsInstance(`i-${name}`, AGES[name] ?? 0, 'ami-new', { Tags: [] }), awsInstance(`i-${name}-2`, 1, 'ami-new', { Tags: [] })]) }],
  });
  ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [{ VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: { ImageId: 'ami-new' } }] });
  ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-new', State: 'available', CreationDate: daysAgo(5).toISOString() }] });
});

async function runWith(event: Record<string, unknown>) {
  const settings = mergeRunPolicy(loadEnv({}), parseEvent(event));
  const logger = new Logger({ serviceName: 'instance-reaper', logLevel: 'SILENT' });
  const metrics = new Metrics({ namespace: 'InstanceReaper', serviceName: 'instance-reaper' });
  jest.spyOn(metrics['console'], 'log').mockImplementation(() => undefined);
  return runReaper({ clients: testClients(), settings, now: NOW, logger, metrics });
}

const askedAbout = () => autoScaling.commandCalls(DescribeInstanceRefreshesCommand).map((call) => call.args[0].input.AutoScalingGroupName);

describe('gates are read in plan order, only while the run budget can be spent', () => {
  it('a run budget of 1 reads the gates of the group next in line only: the others are never asked about', async () => {
    const report = await runWith({ maxTerminations: 1 });

    expect(askedAbout()).toEqual(['oldest']);
    expect(autoScaling.commandCalls(DescribeScalingActivitiesCommand)).toHaveLength(1);
    expect(report.terminated.map((entry) => entry.instanceId)).toEqual(['i-oldest']);
    expect(report.deferred.map((entry) => [entry.instanceId, entry.why])).toEqual([
      ['i-middle', 'run-budget'],
      ['i-young', 'run-budget'],
    ]);
  });

  it('a group held by its gates gives its place to the next group in line, which is read next; the last is never asked', async () => {
    autoScaling.on(DescribeInstanceRefreshesCommand, { AutoScalingGroupName: 'oldest' }).resolves({ InstanceRefreshes: [{ Status: 'InProgress' }] });

    const report = await runWith({ maxTerminations: 1 });

    expect(askedAbout()).toEqual(['oldest', 'middle']);
    expect(report.terminated.map((entry) => entry.instanceId)).toEqual(['i-middle']);
    expect(report.deferred.map((entry) => [entry.instanceId, entry.why])).toEqual([
      ['i-oldest', 'group-unstable'],
      ['i-young', 'run-budget'],
    ]);
  });

  it('a run budget of 0 reads no gate at all', async () => {
    await runWith({ maxTerminations: 0 });

    expect(askedAbout()).toEqual([]);
    expect(autoScaling).not.toHaveReceivedCommand(TerminateInstanceInAutoScalingGroupCommand);
  });

  it('with budget for everyone, every group with something to do is read once', async () => {
    const report = await runWith({ maxTerminations: 20 });

    expect([...askedAbout()].sort()).toEqual(['middle', 'oldest', 'young']);
    expect(report.terminated).toHaveLength(3);
  });
});
