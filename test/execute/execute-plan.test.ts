import {
  AutoScalingClient,
  CreateOrUpdateTagsCommand,
  DeleteTagsCommand,
  SetDesiredCapacityCommand,
  TerminateInstanceInAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { mockClient } from 'aws-sdk-client-mock';
import { executePlan as execute, simulatePlan, type ExecuteDependencies } from '../../lambda/execute/execute-plan';
import type { Plan, PlannedTermination, SurgeStep } from '../../lambda/plan/plan';
import { parseSurgeState } from '../../lambda/policy/surge-state';

const autoScalingMock = mockClient(AutoScalingClient);
const autoScaling = new AutoScalingClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const STARTED = Date.parse('2026-11-24T12:00:00Z');
const SOLO_ARN = 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:8e2e3a1f-1234-4d9e-9e43-1f0e2a2b7c3d:autoScalingGroupName/solo';

/** A signer standing in for KMS: a proof that names what it was made for, so a test sees what was signed. */
const signed = jest.fn<Promise<string>, [string | undefined, string]>((groupArn, value) => Promise.resolve(`proof(${groupArn ?? '?'}|${value})`));
const SIGNING: ExecuteDependencies = { signSurgeRecord: signed };
const executePlan = (client: AutoScalingClient, plan: Plan, dependencies: ExecuteDependencies = SIGNING) => execute(client, plan, dependencies);

const termination = (instanceId: string, group = 'web', decrement = false): PlannedTermination => ({
  instanceId,
  group,
  reasons: ['max-age'],
  decrementDesiredCapacity: decrement,
  units: 1,
});

const planWith = (terminations: PlannedTermination[], surgeSteps: SurgeStep[] = []): Plan => ({
  dryRun: false,
  scanned: { groups: 1, instances: 3 },
  terminations,
  surgeSteps,
  deferred: [],
  unmanaged: [],
  errors: [],
  gatesWanted: [],
});

const step = (action: SurgeStep['action'], extra: Partial<SurgeStep> = {}): SurgeStep => ({
  group: 'solo',
  action,
  desiredCapacity: action === 'capacity-added' ? 2 : 1,
  instanceIds: ['i-old'],
  startedAt: STARTED,
  recordedDesiredCapacity: 2,
  removeAdded: [],
  weights: {},
  ...extra,
});

const callNames = () => autoScalingMock.calls().map((call) => call.args[0].constructor.name);
const tagWritten = () => autoScalingMock.commandCalls(CreateOrUpdateTagsCommand).map((call) => parseSurgeState(call.args[0].input.Tags?.[0]?.Value ?? ''));

beforeEach(() => {
  autoScalingMock.reset();
  signed.mockClear();
});

describe('executePlan: terminations', () => {
  it('terminates through the group without decrementing, one call per instance', async () => {
    const outcome = await executePlan(autoScaling, planWith([termination('i-1'), termination('i-2')]));

    expect(autoScalingMock).toHaveReceivedCommandTimes(TerminateInstanceInAutoScalingGroupCommand, 2);
    expect(autoScalingMock).toHaveReceivedNthCommandWith(1, TerminateInstanceInAutoScalingGroupCommand, { InstanceId: 'i-1', ShouldDecrementDesiredCapacity: false });
    expect(outcome.terminated.map((entry) => entry.instanceId)).toEqual(['i-1', 'i-2']);
    expect(outcome.errors).toEqual([]);
  });

  it('records a failed termination in errors only, and goes on with the next', async () => {
    autoScalingMock
      .on(TerminateInstanceInAutoScalingGroupCommand, { InstanceId: 'i-1' })
      .rejects(Object.assign(new Error('Scaling activity in progress'), { name: 'ScalingActivityInProgressFault' }));

    const outcome = await executePlan(autoScaling, planWith([termination('i-1'), termination('i-2')]));

    expect(outcome.terminated.map((entry) => entry.instanceId)).toEqual(['i-2']);
    expect(outcome.errors).toEqual([expect.objectContaining({ group: 'web', instanceId: 'i-1', message: expect.stringContaining('ScalingActivityInProgressFault') })]);
  });
});

describe('executePlan: starting a surge', () => {
  it('writes its tag, then raises the desired capacity the guard set from its fresh read', async () => {
    const outcome = await executePlan(autoScaling, planWith([], [step('capacity-added', { desiredCapacity: 4, recordedDesiredCapacity: 4 })]));

    expect(callNames()).toEqual(['CreateOrUpdateTagsCommand', 'SetDesiredCapacityCommand']);
    expect(autoScalingMock).toHaveReceivedCommandWith(SetDesiredCapacityCommand, { AutoScalingGroupName: 'solo', DesiredCapacity: 4, HonorCooldown: false });
    expect(tagWritten()).toEqual([{ startedAt: STARTED, desiredCapacity: 4, added: 1, addedUnits: 1, instanceIds: ['i-old'] }]);
    expect(outcome.surges).toEqual([{ group: 'solo', action: 'capacity-added', desiredCapacity: 4, instanceIds: ['i-old'] }]);
  });

  it('records the units it adds where the group weighs its members', async () => {
    await executePlan(autoScaling, planWith([], [step('capacity-added', { desiredCapacity: 8, weights: { 'i-old': 4 } })]));

    expect(tagWritten()).toEqual([{ startedAt: STARTED, desiredCapacity: 8, added: 1, addedUnits: 4, instanceIds: ['i-old'] }]);
    expect(autoScalingMock.commandCalls(CreateOrUpdateTagsCommand)[0]?.args[0].input.Tags?.[0]?.Value).toContain(' added=1 units=4 ids=i-old');
  });

  it('does not raise capacity when the surge tag cannot be written', async () => {
    autoScalingMock.on(CreateOrUpdateTagsCommand).rejects(new Error('denied'));

    const outcome = await executePlan(autoScaling, planWith([], [step('capacity-added')]));

    expect(autoScalingMock).not.toHaveReceivedCommand(SetDesiredCapacityCommand);
    expect(outcome.errors).toHaveLength(1);
  });

  it('removes the tag again when raising the capacity fails, so no surge is left recorded that never happened', async () => {
    autoScalingMock.on(SetDesiredCapacityCommand).rejects(new Error('ScalingActivityInProgress'));

    const outcome = await executePlan(autoScaling, planWith([], [step('capacity-added')]));

    expect(callNames()).toEqual(['CreateOrUpdateTagsCommand', 'SetDesiredCapacityCommand', 'DeleteTagsCommand']);
    expect(outcome.surges).toEqual([]);
  });
});

describe('executePlan: ending a surge only ever by naming the instance that goes', () => {
  it('completes: terminates the recorded instance and gives back an added one, each with decrement, then deletes the tag', async () => {
    const outcome = await executePlan(autoScaling, planWith([termination('i-old', 'solo', true)], [step('completed', { instanceIds: ['i-old'], removeAdded: ['i-new2'] })]));

    expect(callNames()).toEqual(['TerminateInstanceInAutoScalingGroupCommand', 'TerminateInstanceInAutoScalingGroupCommand', 'DeleteTagsCommand']);
    expect(autoScalingMock).toHaveReceivedNthCommandWith(1, TerminateInstanceInAutoScalingGroupCommand, { InstanceId: 'i-old', ShouldDecrementDesiredCapacity: true });
    expect(autoScalingMock).toHaveReceivedNthCommandWith(2, TerminateInstanceInAutoScalingGroupCommand, { InstanceId: 'i-new2', ShouldDecrementDesiredCapacity: true });
    expect(autoScalingMock).not.toHaveReceivedCommand(SetDesiredCapacityCommand);
    expect(outcome.terminated.map((entry) => entry.instanceId)).toEqual(['i-old']);
    expect(outcome.surges).toEqual([{ group: 'solo', action: 'completed', desiredCapacity: 1, instanceIds: ['i-old'], givenBack: ['i-new2'] }]);
  });

  it('reports only the added instances it could give back', async () => {
    autoScalingMock.on(TerminateInstanceInAutoScalingGroupCommand, { InstanceId: 'i-new3' }).rejects(new Error('ResourceContention'));

    const outcome = await executePlan(autoScaling, planWith([], [step('completed', { instanceIds: [], removeAdded: ['i-new2', 'i-new3'] })]));

    expect(outcome.surges).toEqual([expect.objectContaining({ action: 'completed', instanceIds: [], givenBack: ['i-new2'] })]);
    expect(outcome.errors).toEqual([expect.objectContaining({ instanceId: 'i-new3' })]);
  });

  it('when a recorded termination fails, never lowers the capacity itself: it rewrites the tag with what is left for the next run', async () => {
    autoScalingMock.on(TerminateInstanceInAutoScalingGroupCommand, { InstanceId: 'i-b' }).rejects(new Error('ScalingActivityInProgress'));
    const terminations = [termination('i-a', 'web', true), termination('i-b', 'web', true)];

    const outcome = await executePlan(autoScaling, planWith(terminations, [step('completed', { group: 'web', instanceIds: ['i-a', 'i-b'], recordedDesiredCapacity: 6 })]));

    expect(autoScalingMock).not.toHaveReceivedCommand(SetDesiredCapacityCommand);
    expect(autoScalingMock).not.toHaveReceivedCommand(DeleteTagsCommand);
    expect(tagWritten()).toEqual([{ startedAt: STARTED, desiredCapacity: 5, added: 1, addedUnits: 1, instanceIds: ['i-b'] }]);
    // What went is reported even though the surge could not finish.
    expect(outcome.surges).toEqual([expect.objectContaining({ action: 'completed', instanceIds: ['i-a'], givenBack: [] })]);
    expect(outcome.errors).toEqual([expect.objectContaining({ instanceId: 'i-b' })]);
  });

  it('rolls back by terminating the added instances by ID with decrement, then deletes the tag', async () => {
    const outcome = await executePlan(autoScaling, planWith([], [step('rolled-back', { instanceIds: ['i-new'], removeAdded: ['i-new'] })]));

    expect(callNames()).toEqual(['TerminateInstanceInAutoScalingGroupCommand', 'DeleteTagsCommand']);
    expect(autoScalingMock).toHaveReceivedCommandWith(TerminateInstanceInAutoScalingGroupCommand, { InstanceId: 'i-new', ShouldDecrementDesiredCapacity: true });
    expect(outcome.terminated).toEqual([]);
    expect(outcome.surges).toEqual([{ group: 'solo', action: 'rolled-back', desiredCapacity: 1, instanceIds: ['i-new'] }]);
  });

  it('keeps the tag when a rollback removal fails, so the next run gives back the rest', async () => {
    autoScalingMock.on(TerminateInstanceInAutoScalingGroupCommand).rejects(new Error('ResourceContention'));

    const outcome = await executePlan(autoScaling, planWith([], [step('rolled-back', { instanceIds: ['i-new'], removeAdded: ['i-new'] })]));

    expect(callNames()).toEqual(['TerminateInstanceInAutoScalingGroupCommand']);
    expect(outcome.surges).toEqual([]);
    expect(outcome.errors).toHaveLength(1);
  });
});

describe('simulatePlan', () => {
  it('reports the planned terminations and surge steps and calls nothing', () => {
    const outcome = simulatePlan(planWith([termination('i-1')], [step('capacity-added')]));

    expect(outcome.terminated).toEqual([{ instanceId: 'i-1', group: 'web', reasons: ['max-age'] }]);
    expect(outcome.surges).toEqual([{ group: 'solo', action: 'capacity-added', desiredCapacity: 2, instanceIds: ['i-old'] }]);
    expect(autoScalingMock.calls()).toHaveLength(0);
  });
});

describe('executePlan: terminations across groups', () => {
  beforeEach(() => autoScalingMock.reset());

  it('terminates different groups at once but one instance of a group at a time, and records results in plan order', async () => {
    const inFlight = new Map<string, number>();
    let peakOverall = 0;
    let peakInOneGroup = 0;
    const groupOf: Record<string, string> = { 'i-a1': 'a', 'i-a2': 'a', 'i-b1': 'b', 'i-c1': 'c' };
    autoScalingMock.on(TerminateInstanceInAutoScalingGroupCommand).callsFake(async (input: { InstanceId: string }) => {
      const group = groupOf[input.InstanceId] ?? '';
      inFlight.set(group, (inFlight.get(group) ?? 0) + 1);
      peakInOneGroup = Math.max(peakInOneGroup, inFlight.get(group) ?? 0);
      peakOverall = Math.max(peakOverall, [...inFlight.values()].reduce((sum, count) => sum + count, 0));
      // The first instance of group a finishes last: the report's order must not follow completion.
      await new Promise((resolve) => setTimeout(resolve, input.InstanceId === 'i-a1' ? 30 : 5));
      inFlight.set(group, (inFlight.get(group) ?? 1) - 1);
      if (input.InstanceId === 'i-b1') throw Object.assign(new Error('instance is not in the group'), { name: 'ValidationError' });
      return {};
    });

    const outcome = await executePlan(autoScaling, planWith([termination('i-a1', 'a'), termination('i-a2', 'a'), termination('i-b1', 'b'), termination('i-c1', 'c')]));

    expect(peakOverall).toBe(3);
    expect(peakInOneGroup).toBe(1);
    expect(outcome.terminated.map((entry) => entry.instanceId)).toEqual(['i-a1', 'i-a2', 'i-c1']);
    expect(outcome.errors).toEqual([{ group: 'b', instanceId: 'i-b1', code: 'write-failed', message: 'TerminateInstanceInAutoScalingGroup failed: ValidationError: instance is not in the group' }]);
  });
});

describe('executePlan: the surge-state record carries the proof that the function wrote it', () => {
  const tagsOf = (index = 0) => autoScalingMock.commandCalls(CreateOrUpdateTagsCommand)[index]?.args[0].input.Tags ?? [];

  it('signs the exact value for the group\'s ARN, then writes the record and its proof in one call', async () => {
    await executePlan(autoScaling, planWith([], [step('capacity-added', { groupArn: SOLO_ARN })]));

    const [record, proof] = tagsOf();
    expect(signed).toHaveBeenCalledWith(SOLO_ARN, record?.Value);
    expect(autoScalingMock).toHaveReceivedCommandTimes(CreateOrUpdateTagsCommand, 1);
    expect(tagsOf().map((tag) => tag.Key)).toEqual(['instance-reaper:surge-state', 'instance-reaper:surge-proof']);
    expect(proof).toEqual({ ResourceId: 'solo', ResourceType: 'auto-scaling-group', Key: 'instance-reaper:surge-proof', Value: `proof(${SOLO_ARN}|${record?.Value ?? ''})`, PropagateAtLaunch: false });
  });

  it('when signing fails, writes nothing and adds no capacity, and says why', async () => {
    const failing: ExecuteDependencies = { signSurgeRecord: () => Promise.reject(Object.assign(new Error('User is not authorized to perform: kms:GenerateMac'), { name: 'AccessDeniedException' })) };

    const outcome = await executePlan(autoScaling, planWith([], [step('capacity-added', { groupArn: SOLO_ARN })]), failing);

    expect(autoScalingMock.calls()).toHaveLength(0);
    expect(outcome.surges).toEqual([]);
    expect(outcome.errors).toEqual([{ group: 'solo', code: 'write-failed', message: expect.stringMatching(/could not be signed \(AccessDeniedException: .*\): nothing was written, and no capacity added/) }]);
  });

  it('a record rewritten with what is left is signed again; a signing failure keeps the old record and is reported', async () => {
    autoScalingMock.on(TerminateInstanceInAutoScalingGroupCommand, { InstanceId: 'i-b' }).rejects(new Error('ScalingActivityInProgress'));
    const terminations = [termination('i-a', 'web', true), termination('i-b', 'web', true)];
    const completing = step('completed', { group: 'web', instanceIds: ['i-a', 'i-b'], recordedDesiredCapacity: 6, groupArn: SOLO_ARN.replace('/solo', '/web') });

    await executePlan(autoScaling, planWith(terminations, [completing]));
    expect(signed).toHaveBeenCalledWith(completing.groupArn, expect.stringContaining(' ids=i-b'));
    autoScalingMock.resetHistory();
    const outcome = await executePlan(autoScaling, planWith(terminations, [completing]), { signSurgeRecord: () => Promise.reject(new Error('throttled')) });

    expect(autoScalingMock).not.toHaveReceivedCommand(CreateOrUpdateTagsCommand);
    expect(outcome.errors).toEqual(expect.arrayContaining([expect.objectContaining({ group: 'web', message: expect.stringContaining('could not be signed') })]));
  });

  it('deletes the record and its proof together', async () => {
    await executePlan(autoScaling, planWith([termination('i-old', 'solo', true)], [step('completed', { instanceIds: ['i-old'] })]));

    expect(autoScalingMock).toHaveReceivedCommandWith(DeleteTagsCommand, {
      Tags: [
        { ResourceId: 'solo', ResourceType: 'auto-scaling-group', Key: 'instance-reaper:surge-state' },
        { ResourceId: 'solo', ResourceType: 'auto-scaling-group', Key: 'instance-reaper:surge-proof' },
      ],
    });
  });
});
