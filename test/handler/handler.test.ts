import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { InvalidInputError } from '../../lambda/errors';
import { handler } from '../../lambda/handler';
import { parseLogLines } from '../../local/simulation/run-captured';

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

/** The handler's run, and the `run failed` lines it logged (Powertools writes errors to stderr). */
async function failedRunLines(event: unknown) {
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const error = await handler(event, { awsRequestId: 'req-failed' }).catch((caught: unknown) => caught);
    const lines = parseLogLines(stderr.mock.calls.map(([chunk]) => String(chunk)).join(''));
    return { error, failed: lines.filter((line) => line.message === 'run failed') };
  } finally {
    stderr.mockRestore();
  }
}

describe('handler: a run that fails is logged as such, with its code', () => {
  it('bad input: logged once as a failed run with input-invalid and every issue, still thrown, and nothing called', async () => {
    const { error, failed } = await failedRunLines({ dryrun: true, maxTerminations: -2 });

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(failed).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        function_request_id: 'req-failed',
        error: expect.objectContaining({ name: 'InvalidInputError', code: 'input-invalid', issues: expect.arrayContaining([expect.stringContaining('dryrun'), expect.stringContaining('maxTerminations')]) }),
      }),
    ]);
    noCallsMade();
  });

  it('a fleet that cannot be read: logged as a failed run with read-denied when IAM refused the read', async () => {
    autoScalingMock.on(DescribeAutoScalingGroupsCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));
    ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });

    const { error, failed } = await failedRunLines({ dryRun: true });

    expect((error as Error).name).toBe('FleetReadError');
    expect(failed).toEqual([expect.objectContaining({ error: expect.objectContaining({ name: 'FleetReadError', code: 'read-denied' }) })]);
  });
});
