import type { ExecutionOutcome } from '../../lambda/model/execution-outcome';
import type { Plan } from '../../lambda/plan/plan';
import type { FleetEvaluation } from '../../lambda/policy/evaluation';
import { buildReport } from '../../lambda/report/build-report';
import { makeFleet, makePolicy, planFor } from '../factories';

/** Two groups: web terminates i-w1 and i-w2 (budget 2) and defers i-w3; api defers i-a1 on an alarm; i-loose is unmanaged. */
function decided(dryRun = false): { plan: Plan; evaluation: FleetEvaluation } {
  const snapshot = makeFleet(
    [
      { group: { name: 'web' }, instances: [{ id: 'i-w1', ageDays: 50 }, { id: 'i-w2', ageDays: 45 }, { id: 'i-w3', ageDays: 40 }, { id: 'i-w4', ageDays: 1 }] },
      { group: { name: 'api' }, instances: [{ id: 'i-a1', ageDays: 60 }, { id: 'i-a2', ageDays: 1 }] },
    ],
    { instances: [{ instanceId: 'i-loose', state: 'running', imageId: 'ami-current', launchTime: Date.parse('2026-09-01T00:00:00Z'), tags: {} }], errors: [{ group: 'db', code: 'read-failed', message: 'launch template unreadable' }] },
  );
  const gates = new Map([
    ['web', { instanceRefreshActive: false, alarmsHolding: [], alarmsUnknown: [], unhealthyTargets: [], readFailures: [] }],
    ['api', { instanceRefreshActive: false, alarmsHolding: ['api-5xx'], alarmsUnknown: [], unhealthyTargets: [], readFailures: [] }],
  ]);
  return planFor(snapshot, makePolicy({ dryRun, defaultGroupBudget: { kind: 'count', value: 2 } }), { gates });
}

const outcome = (partial: Partial<ExecutionOutcome> = {}): ExecutionOutcome => ({ terminated: [], surges: [], errors: [], ...partial });

/** The report of the two groups' decision, with what the executor did. */
function reportOf(executed: ExecutionOutcome, dryRun = false) {
  const { plan, evaluation } = decided(dryRun);
  return buildReport(plan, executed, evaluation);
}

describe('buildReport', () => {
  it('lists what was terminated, deferred, unmanaged and failed, with the scanned counts', () => {
    const report = reportOf(outcome({ terminated: [{ instanceId: 'i-w1', group: 'web', reasons: ['max-age'] }, { instanceId: 'i-w2', group: 'web', reasons: ['max-age'] }] }));

    expect(report).toEqual(
      expect.objectContaining({
        dryRun: false,
        scanned: { groups: 2, instances: 7 },
        terminated: [{ instanceId: 'i-w1', group: 'web', reasons: ['max-age'] }, { instanceId: 'i-w2', group: 'web', reasons: ['max-age'] }],
        deferred: [
          { instanceId: 'i-a1', group: 'api', reasons: ['max-age'], why: 'alarm' },
          { instanceId: 'i-w3', group: 'web', reasons: ['max-age'], why: 'group-budget' },
        ],
        unmanaged: [{ instanceId: 'i-loose', reasons: ['max-age'] }],
        errors: [{ group: 'db', code: 'read-failed', message: 'launch template unreadable' }],
        surges: [],
      }),
    );
  });

  it('a failed termination appears only in errors, not in terminated, and its details are dropped', () => {
    const failure = { group: 'web', instanceId: 'i-w2', code: 'write-failed' as const, message: 'TerminateInstanceInAutoScalingGroup failed: ScalingActivityInProgressFault' };
    const report = reportOf(outcome({ terminated: [{ instanceId: 'i-w1', group: 'web', reasons: ['max-age'] }], errors: [failure] }));

    expect(report.terminated.map((entry) => entry.instanceId)).toEqual(['i-w1']);
    expect(report.deferred.map((entry) => entry.instanceId)).not.toContain('i-w2');
    expect(report.errors).toEqual([{ group: 'db', code: 'read-failed', message: 'launch template unreadable' }, failure]);
    expect(Object.keys(report.details)).not.toContain('i-w2');
  });

  it('keeps details only for listed instances: terminated, deferred and unmanaged', () => {
    const report = reportOf(outcome({ terminated: [{ instanceId: 'i-w1', group: 'web', reasons: ['max-age'] }] }));
    expect(Object.keys(report.details).sort()).toEqual(['i-a1', 'i-loose', 'i-w1', 'i-w3']);
    expect(report.details['i-w1']).toEqual({ ageDays: 50, lifetimeDays: 28, imageId: 'ami-current' });
  });

  it('lists details in the order of the evaluation, group by group, unmanaged instances last', () => {
    const report = reportOf(outcome({ terminated: [{ instanceId: 'i-w1', group: 'web', reasons: ['max-age'] }] }));
    expect(Object.keys(report.details)).toEqual(['i-w1', 'i-w3', 'i-a1', 'i-loose']);
    expect(report.details['i-loose']).toEqual({ ageDays: 84.5, lifetimeDays: 28, imageId: 'ami-current' });
  });

  it('entries keep exactly the contract fields', () => {
    const report = reportOf(outcome({ terminated: [{ instanceId: 'i-w1', group: 'web', reasons: ['max-age'] }] }));
    expect(Object.keys(report.terminated[0] ?? {}).sort()).toEqual(['group', 'instanceId', 'reasons']);
    expect(Object.keys(report.deferred[0] ?? {}).sort()).toEqual(['group', 'instanceId', 'reasons', 'why']);
    expect(Object.keys(report.unmanaged[0] ?? {}).sort()).toEqual(['instanceId', 'reasons']);
  });

  it('carries the dry-run flag and the surge steps through', () => {
    const surges = [{ group: 'solo', action: 'capacity-added' as const, desiredCapacity: 2, instanceIds: ['i-9'] }];
    const report = reportOf(outcome({ surges }), true);
    expect(report.dryRun).toBe(true);
    expect(report.surges).toEqual(surges);
  });
});
