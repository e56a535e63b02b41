import {
  DescribeScalingActivitiesCommand,
  paginateDescribeScalingActivities,
  SetDesiredCapacityCommand,
  TerminateInstanceInAutoScalingGroupCommand,
  type Activity,
} from '@aws-sdk/client-auto-scaling';
import { DAY, NOW, seedWebGroup, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

async function activities(group = 'web'): Promise<Activity[]> {
  const all: Activity[] = [];
  for await (const page of paginateDescribeScalingActivities({ client: h.autoScaling }, { AutoScalingGroupName: group })) all.push(...(page.Activities ?? []));
  return all;
}

const pending = (harness: Harness) => harness.account.group('web').members.filter((member) => member.lifecycleState === 'Pending');

describe('a group whose image cannot run launches nothing and records why', () => {
  it('a deregistered AMI: terminating "for a replacement" only loses capacity, and every tick retries and fails again', async () => {
    const { imageId, instanceIds } = seedWebGroup(h.account);
    h.account.deregisterImage(imageId);
    const { Activity } = await h.autoScaling.send(new TerminateInstanceInAutoScalingGroupCommand({ InstanceId: instanceIds[0], ShouldDecrementDesiredCapacity: false }));
    expect(pending(h)).toEqual([]);
    const [failed, terminating] = await activities();
    expect(failed).toMatchObject({
      AutoScalingGroupName: 'web',
      AutoScalingGroupARN: h.account.group('web').arn,
      StatusCode: 'Failed',
      StatusMessage: `The image id '[${imageId}]' does not exist. Launching EC2 instance failed.`,
      Description: `Launching a new EC2 instance.  Status Reason: The image id '[${imageId}]' does not exist. Launching EC2 instance failed.`,
      Cause: expect.stringMatching(/^At \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 2 to 3\.$/),
      Progress: 100,
      EndTime: new Date(NOW),
    });
    expect(JSON.parse(failed?.Details ?? '')).toMatchObject({ 'Availability Zone': expect.stringMatching(/^us-east-1[ab]$/) });
    expect(terminating).toEqual(Activity);
    expect(terminating).toMatchObject({ Description: `Terminating EC2 instance: ${instanceIds[0]}`, StatusCode: 'InProgress', Progress: 0 });

    h.account.tick();
    h.account.tick();
    const after = await activities();
    expect(after.map((activity) => activity.StatusCode)).toEqual(['Failed', 'Failed', 'Failed', 'Successful']);
    expect(after[3]).toMatchObject({ ActivityId: Activity?.ActivityId, Progress: 100 });
    expect(h.account.group('web').inService).toHaveLength(2);
  });

  it('a disabled, gone or unknown AMI, or a template alias that does not resolve, fails each launch; a deprecated AMI still launches', async () => {
    const { imageId } = seedWebGroup(h.account);
    const attempt = async (desired: number) => {
      await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: desired }));
      const [latest] = (await h.autoScaling.send(new DescribeScalingActivitiesCommand({ AutoScalingGroupName: 'web', MaxRecords: 1 }))).Activities ?? [];
      return latest?.StatusMessage ?? latest?.StatusCode;
    };
    h.account.disableImage(imageId);
    expect(await attempt(4)).toBe(`AMI '${imageId}' is disabled, and cannot be run. Launching EC2 instance failed.`);
    h.account.deregisterImage(imageId, { gone: true });
    expect(await attempt(4)).toBe(`The image id '[${imageId}]' does not exist. Launching EC2 instance failed.`);
    h.account.addLaunchTemplateVersion('web', { imageId: 'ami-0000000000000dead' });
    expect(await attempt(4)).toBe("The image id '[ami-0000000000000dead]' does not exist. Launching EC2 instance failed.");
    h.account.addLaunchTemplateVersion('web', { imageId: 'resolve:ssm:/golden/web' });
    expect(await attempt(4)).toBe('The parameter in resolve:ssm:/golden/web could not be resolved. Launching EC2 instance failed.');
    expect(pending(h)).toEqual([]);
    h.account.addLaunchTemplateVersion('web', { imageId: h.account.addImage({ deprecationTime: NOW - DAY }) });
    expect(await attempt(5)).toBe('InProgress');
    expect(pending(h)).toHaveLength(2);
  });
});

it('records launches and terminations as AWS words them, newest first, page by page, InProgress until a tick finishes them', async () => {
  seedWebGroup(h.account);
  await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: 6 }));
  const launched = pending(h).map((member) => member.instanceId);
  const listed = await activities();
  expect(listed.map((activity) => activity.Description)).toEqual(launched.map((id) => `Launching a new EC2 instance: ${id}`).reverse());
  expect(listed[0]?.Cause).toMatch(/^At \S+Z a user request explicitly set group desired capacity changing the desired capacity from 3 to 6\. {2}At \S+Z an instance was started/);
  expect(h.account.calls.filter((call) => call.action === 'DescribeScalingActivities')).toHaveLength(1);

  h.account.tick();
  await h.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: 1 }));
  const all = await activities();
  expect(all.map((activity) => [activity.Description?.replace(/: i-\w+$/, ''), activity.StatusCode])).toEqual([
    ...Array.from({ length: 5 }, () => ['Terminating EC2 instance', 'InProgress']),
    ...Array.from({ length: 3 }, () => ['Launching a new EC2 instance', 'Successful']),
  ]);
  expect(all[0]?.Cause).toMatch(/an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from 6 to 1\.$/);
  expect(h.account.calls.filter((call) => call.action === 'DescribeScalingActivities')).toHaveLength(3);

  const one = await h.autoScaling.send(new DescribeScalingActivitiesCommand({ ActivityIds: [all[7]?.ActivityId ?? ''] }));
  expect(one.Activities).toEqual([all[7]]);
  expect((await h.autoScaling.send(new DescribeScalingActivitiesCommand({ AutoScalingGroupName: 'nope' }))).Activities).toEqual([]);
});
