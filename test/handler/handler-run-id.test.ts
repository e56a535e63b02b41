import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../lambda/handler';
import { readReportLine } from '../../lambda/report/assemble-report';
import { captureStdout } from '../../local/simulation/capture-stdout';
import { parseLogLines } from '../../local/simulation/run-captured';

const ec2Mock = mockClient(EC2Client);
const autoScalingMock = mockClient(AutoScalingClient);

beforeEach(() => {
  ec2Mock.reset();
  autoScalingMock.reset();
  process.env.AWS_REGION = 'us-east-1';
  autoScalingMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
  ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
});

/** The handler's run over an empty account, and the `run report` lines it wrote. */
async function invoke(context?: { awsRequestId: string }) {
  const { result: report, written } = await captureStdout(() => handler({ dryRun: true }, context));
  return { report, parts: parseLogLines(written).flatMap((line) => readReportLine(line) ?? []) };
}

describe('handler: the run report lines name the run', () => {
  it('by the Lambda request ID from the context', async () => {
    const { report, parts } = await invoke({ awsRequestId: 'c0ffee00-1234-4321-8765-0123456789ab' });

    expect(report).toMatchObject({ dryRun: true, scanned: { groups: 0, instances: 0 } });
    expect(parts).toEqual([expect.objectContaining({ runId: 'c0ffee00-1234-4321-8765-0123456789ab', part: 1, parts: 1 })]);
  });

  it('every line the run logs carries the Lambda request ID from the context, the metrics line too', async () => {
    const context = { awsRequestId: 'feed0000-1234-4321-8765-0123456789ab', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:reaper', functionName: 'reaper' };
    const { result, written } = await captureStdout(() => handler({ dryRun: true }, context));
    const lines = parseLogLines(written);

    expect(result.dryRun).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.filter((line) => line.function_request_id !== context.awsRequestId)).toEqual([]);
    // The metrics' EMF line included; the logger's lines name the function too.
    expect(lines.some((line) => '_aws' in line)).toBe(true);
    expect(lines.filter((line) => 'message' in line && line.function_name !== 'reaper')).toEqual([]);
  });

  it('by a generated ID without a context', async () => {
    const { parts } = await invoke();

    expect(parts).toEqual([expect.objectContaining({ runId: expect.stringMatching(/^[0-9a-f-]{36}$/), part: 1, parts: 1 })]);
  });
});
