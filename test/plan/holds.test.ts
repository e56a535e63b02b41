import type { DeferralReason } from '../../lambda/model/reasons';
import type { RunPolicy } from '../../lambda/model/run-policy';
import type { Plan } from '../../lambda/plan/plan';
import { makeFleet, makePolicy, planFor } from '../factories';

const terminatedIds = (plan: Plan) => plan.terminations.map((entry) => entry.instanceId);
const whyOf = (plan: Plan, instanceId: string) => plan.deferred.find((entry) => entry.instanceId === instanceId)?.why;

describe('buildPlan: maintenance windows and grace', () => {
  // NOW is Tuesday 12:00 UTC: the window below is closed.
  const CLOSED = 'Sat 01:00-02:00 UTC';
  const OPEN = 'Tue 11:00-13:00 UTC';

  it.each<[string, string, number, Partial<RunPolicy>, 'terminated' | DeferralReason]>([
    ['window open: 30 days old goes', OPEN, 30, {}, 'terminated'],
    ['window closed: 30 days old (lifetime 28 + grace 7 = 35 not passed) waits', CLOSED, 30, {}, 'outside-window'],
    ['window closed: exactly 35 days old still waits', CLOSED, 35, {}, 'outside-window'],
    ['window closed: 35 days and one minute old goes (deadline passed)', CLOSED, 35 + 1 / 1440, {}, 'terminated'],
    ['window closed, grace 0: 29 days old goes', CLOSED, 29, { defaultGraceDays: 0 }, 'terminated'],
    ['window closed: targeted instance 1 day old goes (emergency ignores windows)', CLOSED, 1, { targetedInstanceIds: ['i-1'] }, 'terminated'],
    ['window closed: blocked AMI goes (emergency ignores windows)', CLOSED, 1, { blockedAmiIds: ['ami-current'] }, 'terminated'],
    ['configured default window closed: waits', '', 30, { defaultWindow: CLOSED }, 'outside-window'],
  ])('%s', (_title, window, ageDays, policy, expected) => {
    const tags: Record<string, string> = window === '' ? {} : { 'instance-reaper:window': window };
    const plan = planFor(makeFleet([{ group: { tags }, instances: [{ id: 'i-1', ageDays }, { id: 'i-2', ageDays: 1 }] }]), makePolicy(policy)).plan;
    expect(expected === 'terminated' ? terminatedIds(plan) : whyOf(plan, 'i-1')).toEqual(expected === 'terminated' ? ['i-1'] : expected);
  });

  it('window closed: an instance 1 day old due for rotation-requested goes (emergency ignores windows)', () => {
    const tags = { 'instance-reaper:window': CLOSED, 'instance-reaper:rotate-before': '2026-11-24T00:00:00Z' };
    const plan = planFor(makeFleet([{ group: { tags }, instances: [{ id: 'i-1', ageDays: 1 }, { id: 'i-2', ageDays: 0.1 }] }])).plan;
    expect(plan.terminations).toEqual([expect.objectContaining({ instanceId: 'i-1', reasons: ['rotation-requested'] })]);
  });

  it('a drifted young instance waits for the window until its lifetime + grace has passed', () => {
    const snapshot = makeFleet([{ group: { launchImageId: 'ami-new', tags: { 'instance-reaper:window': CLOSED } }, instances: [{ id: 'i-1', ageDays: 2 }, { id: 'i-2', ageDays: 1, imageId: 'ami-new' }] }]);
    expect(whyOf(planFor(snapshot).plan, 'i-1')).toBe('outside-window');
  });

  it('the grace-days tag moves the deadline', () => {
    const tags = { 'instance-reaper:window': CLOSED, 'instance-reaper:grace-days': '1' };
    const plan = planFor(makeFleet([{ group: { tags }, instances: [{ id: 'i-1', ageDays: 30 }, { id: 'i-2', ageDays: 1 }] }])).plan;
    expect(terminatedIds(plan)).toEqual(['i-1']);
  });
});
