import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeAvailabilityZonesCommand, EC2Client, DescribeImagesCommand, DescribeInstancesCommand, DescribeLaunchTemplateVersionsCommand } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { readFleet } from '../../lambda/inventory/read-fleet';
import { awsGroup, testClients } from './aws-fixtures';

const ec2 = mockClient(EC2Client);
const autoScaling = mockClient(AutoScalingClient);

/** Every call in the order it was sent, groups pages by their token. */
let sent: string[] = [];
const listing = () => sent.filter((call) => call === 'listing').length;

/** `count` groups each on its own template (60 of them: more than one call per template is worth). */
const groups = (from: number, count: number) => Array.from({ length: count }, (_, index) => awsGroup(`g-${from + index}`, [], { LaunchTemplate: { LaunchTemplateId: `lt-${from + index}`, Version: '$Latest' } }));

beforeEach(() => {
  sent = [];
  ec2.reset();
  autoScaling.reset();
  ec2.on(DescribeAvailabilityZonesCommand).resolves({});
  ec2.on(DescribeInstancesCommand).resolves({});
  ec2.on(DescribeImagesCommand).resolves({});
  ec2.on(DescribeLaunchTemplateVersionsCommand).callsFake((input: { LaunchTemplateId?: string }) => {
    sent.push(input.LaunchTemplateId ? `template ${input.LaunchTemplateId}` : 'listing');
    return {};
  });
});

describe('the account-wide launch template listing', () => {
  it('starts with the first page of groups of an account with more than a page of them, not after the last', async () => {
    autoScaling.on(DescribeAutoScalingGroupsCommand).callsFake((input: { NextToken?: string }) => {
      sent.push(`groups ${input.NextToken ?? 'first'}`);
      return input.NextToken ? { AutoScalingGroups: groups(30, 30) } : { AutoScalingGroups: groups(0, 30), NextToken: 'page-2' };
    });

    await readFleet(testClients(), {});

    expect(sent.slice(0, 3)).toEqual(['groups first', 'listing', 'groups page-2']);
    expect(listing()).toBe(1);
  });

  it('asks for the first page\'s templates the listing lacks while the next page of groups is still on its way', async () => {
    autoScaling.on(DescribeAutoScalingGroupsCommand).callsFake(async (input: { NextToken?: string }) => {
      if (!input.NextToken) return { AutoScalingGroups: groups(0, 30), NextToken: 'page-2' };
      await new Promise((resolve) => setTimeout(resolve, 100));
      sent.push('groups page-2 answered');
      return { AutoScalingGroups: [...groups(30, 30), ...groups(0, 2)] };
    });

    await readFleet(testClients(), {});

    const answered = sent.indexOf('groups page-2 answered');
    expect(sent.indexOf('template lt-0')).toBeLessThan(answered);
    expect(sent.indexOf('template lt-29')).toBeLessThan(answered);
    expect(sent.indexOf('template lt-30')).toBeGreaterThan(answered);
    // Each template is asked for once, though page 2 names lt-0 and lt-1 again.
    expect(sent.filter((call) => call === 'template lt-0')).toHaveLength(1);
    expect(sent.filter((call) => call.startsWith('template'))).toHaveLength(60);
  });

  it('waits for the groups when they fit on one page, and is not read when too few templates are named', async () => {
    autoScaling.on(DescribeAutoScalingGroupsCommand).callsFake(() => {
      sent.push('groups first');
      return { AutoScalingGroups: groups(0, 3) };
    });

    await readFleet(testClients(), {});

    expect(listing()).toBe(0);
    expect(sent).toEqual(['groups first', 'template lt-0', 'template lt-1', 'template lt-2']);
  });

  it('is not started early for a run limited to named groups', async () => {
    autoScaling.on(DescribeAutoScalingGroupsCommand).callsFake((input: { AutoScalingGroupNames?: string[]; NextToken?: string }) => {
      sent.push(`groups ${input.NextToken ?? 'first'}`);
      return input.NextToken ? { AutoScalingGroups: [] } : { AutoScalingGroups: groups(0, 2), NextToken: 'page-2' };
    });

    await readFleet(testClients(), { groups: ['g-0', 'g-1'] });

    expect(listing()).toBe(0);
  });
});
