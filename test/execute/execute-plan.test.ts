import {
  AutoScalingClient,
  CreateOrUpdateTagsCommand,
  DeleteTagsCommand,
  SetDesiredCapacityCommand,
  TerminateInstanceInAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { mockClient } from 'aws-sdk-client-mock';
import { executePlan, simulatePlan } from '../../lambda/execute/execute-plan';
import type { CapacityChange, Plan, PlannedTermination } from '../../lambda/plan/plan';

const autoScalingMock = mockClient(AutoScalingClient);
const autoScaling = new AutoScalingClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });

const termination = (instanceId: string, group = 'web', decrement = false): PlannedTermination => ({
  instanceId,
  group,
  reasons: ['max-age'],
  decrementDesiredCapacity: decrement,
});

const planWith = (terminations: PlannedTermination[], capacityChanges: CapacityChange[] = []): Plan => ({
  dryRun: false,
  scanned: { groups: 1, instances: 3 },
  terminations,
  capacityChanges,
  deferred: [],
  unmanaged: [],
  errors: [],
  details: {},
});

beforeEach(() => autoScalingMock.reset());

describe('executePlan', () => {
  it('terminates through the group without decrementing, one call per instance', async () => {
    const outcome = await executePlan(autoScaling, planWith([termination('i-1'), termination('i-2')]));

    expect(autoScalingMock).toHaveReceivedCommandTimes(TerminateInstanceInAutoScalingGroupCommand, 2);
    expect(autoScalingMock).toHaveReceivedNthCommandWith(1, TerminateInstanceInAutoScalingGroupCommand, {
      InstanceId: 'i-1',
      ShouldDecrementDesiredCapacity: false,
    });
    expect(outcome.terminated.map((entry) => entry.instanceId)).toEqual(['i-1', 'i-2']);
    expect(outcome.errors).toEqual([]);
  });

  it('records a failed termination in errors only, and goes on with the next', async () => {
    autoScalingMock
      .on(TerminateInstanceInAutoScalingGroupCommand, { InstanceId: 'i-1' })
      .rejects(Object.assign(new Error('Scaling activity in progress'), { name: 'ScalingActivityInProgressFault' }));

    const outcome = await executePlan(autoScaling, planWith([termination('i-1'), termination('i-2')]));

    expect(outcome.terminated.map((entry) => entry.instanceId)).toEqual(['i-2']);
    expect(outcome.errors).toEqual([
      expect.objectContaining({ group: 'web', instanceId: 'i-1', message: expect.stringContaining('ScalingActivityInProgressFault') }),
    ]);
  });

  it('starts a surge by writing its tag before raising the desired capacity', async () => {
    const change: CapacityChange = {
      group: 'solo', action: 'capacity-added', desiredCapacity: 2, fromDesiredCapacity: 1, instanceIds: ['i-9'], surgeTag: 'v1 state', setDesiredCapacity: true,
    };

    const outcome = await executePlan(autoScaling, planWith([], [change]));

    const calls = autoScalingMock.calls().map((call) => call.args[0].constructor.name);
    expect(calls).toEqual(['CreateOrUpdateTagsCommand', 'SetDesiredCapacityCommand']);
    expect(autoScalingMock).toHaveReceivedCommandWith(SetDesiredCapacityCommand, { AutoScalingGroupName: 'solo', DesiredCapacity: 2, HonorCooldown: false });
    expect(outcome.surges).toEqual([{ group: 'solo', action: 'capacity-added', desiredCapacity: 2, instanceIds: ['i-9'] }]);
  });

  it('does not raise capacity when the surge tag cannot be written', async () => {
    autoScalingMock.on(CreateOrUpdateTagsCommand).rejects(new Error('denied'));
    const change: CapacityChange = {
      group: 'solo', action: 'capacity-added', desiredCapacity: 2, fromDesiredCapacity: 1, instanceIds: ['i-9'], surgeTag: 'v1 state', setDesiredCapacity: true,
    };

    const outcome = await executePlan(autoScaling, planWith([], [change]));

    expect(autoScalingMock).not.toHaveReceivedCommand(SetDesiredCapacityCommand);
    expect(outcome.errors).toHaveLength(1);
  });

  it('completes a surge: terminates with decrement, then deletes the tag without another capacity change', async () => {
    const change: CapacityChange = {
      group: 'solo', action: 'completed', desiredCapacity: 1, fromDesiredCapacity: 2, instanceIds: ['i-9'], surgeTag: null, setDesiredCapacity: true,
    };

    await executePlan(autoScaling, planWith([termination('i-9', 'solo', true)], [change]));

    expect(autoScalingMock).toHaveReceivedCommandWith(TerminateInstanceInAutoScalingGroupCommand, { InstanceId: 'i-9', ShouldDecrementDesiredCapacity: true });
    expect(autoScalingMock).not.toHaveReceivedCommand(SetDesiredCapacityCommand);
    expect(autoScalingMock).toHaveReceivedCommand(DeleteTagsCommand);
  });

  it('gives back the added capacity itself when the surge termination fails', async () => {
    autoScalingMock.on(TerminateInstanceInAutoScalingGroupCommand).rejects(new Error('gone'));
    const change: CapacityChange = {
      group: 'solo', action: 'completed', desiredCapacity: 1, fromDesiredCapacity: 2, instanceIds: ['i-9'], surgeTag: null, setDesiredCapacity: true,
    };

    await executePlan(autoScaling, planWith([termination('i-9', 'solo', true)], [change]));

    expect(autoScalingMock).toHaveReceivedCommandWith(SetDesiredCapacityCommand, { AutoScalingGroupName: 'solo', DesiredCapacity: 1 });
    expect(autoScalingMock).toHaveReceivedCommand(DeleteTagsCommand);
  });

  it('rolls back a timed-out surge only as far as the plan says', async () => {
    const change: CapacityChange = {
      group: 'solo', action: 'rolled-back', desiredCapacity: 3, fromDesiredCapacity: 3, instanceIds: ['i-9'], surgeTag: null, setDesiredCapacity: false,
    };

    const outcome = await executePlan(autoScaling, planWith([], [change]));

    expect(autoScalingMock).not.toHaveReceivedCommand(SetDesiredCapacityCommand);
    expect(autoScalingMock).toHaveReceivedCommand(DeleteTagsCommand);
    expect(outcome.surges.map((surge) => surge.action)).toEqual(['rolled-back']);
  });
});

describe('simulatePlan', () => {
  it('reports the planned terminations and calls nothing', () => {
    const outcome = simulatePlan(planWith([termination('i-1')]));

    expect(outcome.terminated).toEqual([{ instanceId: 'i-1', group: 'web', reasons: ['max-age'] }]);
    expect(autoScalingMock.calls()).toHaveLength(0);
  });
});
