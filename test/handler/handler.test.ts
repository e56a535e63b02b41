import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { InvalidInputError } from '../../lambda/errors';
import { handler } from '../../lambda/handler';

const ec2Mock = mockClient(EC2Client);
const autoScalingMock = mockClient(AutoScalingClient);

beforeEach(() => {
  ec2Mock.reset();
  autoScalingMock.reset();
  process.env.AWS_REGION = 'us-east-1';
});

afterEach(() => {
  delete process.env.REAPER_MAX_AGE_DAYS;
});

const noCallsMade = () => {
  expect(ec2Mock.calls()).toHaveLength(0);
  expect(autoScalingMock.calls()).toHaveLength(0);
};

describe('handler input validation', () => {
  it.each([
    ['a typo of dryRun', { dryrun: true }, 'dryrun: unknown field'],
    ['null for a field', { dryRun: null }, 'dryRun'],
    ['a wrong type', { maxAgeDays: '5' }, 'maxAgeDays'],
    ['a negative lifetime', { maxAgeDays: -1 }, 'maxAgeDays'],
    ['a per-group budget of 0', { maxTerminationsPerGroup: 0 }, 'maxTerminationsPerGroup'],
    ['a fractional run budget', { maxTerminations: 1.5 }, 'maxTerminations'],
    ['a malformed AMI ID', { amiIds: ['not-an-ami'] }, 'amiIds.0'],
    ['an array as the event', [], 'event'],
  ])('refuses %s before any AWS call', async (_title, event, field) => {
    await expect(handler(event)).rejects.toThrow(InvalidInputError);
    await expect(handler(event)).rejects.toThrow(field);
    noCallsMade();
  });

  it('names every bad field at once', async () => {
    const error = await handler({ dryRun: 'yes', maxTerminations: -2, colour: 'blue' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues.join('\n')).toMatch(/dryRun[\s\S]*maxTerminations|maxTerminations[\s\S]*dryRun/);
    expect((error as Error).message).toContain('colour');
    noCallsMade();
  });

  it('refuses a bad configuration variable before any AWS call, naming it', async () => {
    process.env.REAPER_MAX_AGE_DAYS = 'a month';

    await expect(handler({})).rejects.toThrow('REAPER_MAX_AGE_DAYS');
    noCallsMade();
  });
});
