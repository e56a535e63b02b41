import type { RunReport } from '../../lambda/model/report';
import { evaluateFleet } from '../../lambda/policy/evaluate-fleet';
import { buildRunSummary, ERROR_MESSAGE_CHARS, ERRORS_LISTED, STALEST_GROUPS_LISTED } from '../../lambda/report/run-summary';
import { makeFleet, makeImage, makePolicy, NOW } from '../factories';

const emptyReport: RunReport = { dryRun: false, scanned: { groups: 0, instances: 0 }, terminated: [], deferred: [], unmanaged: [], errors: [], details: {}, surges: [] };

describe('buildRunSummary', () => {
  const snapshot = makeFleet(
    [
      { group: { name: 'fresh' }, instances: [{ id: 'i-f', ageDays: 2 }] },
      { group: { name: 'web' }, instances: [{ id: 'i-1', ageDays: 40 }, { id: 'i-2', ageDays: 3 }] },
      { group: { name: 'api' }, instances: [{ id: 'i-3', ageDays: 70 }, { id: 'i-4', ageDays: 50 }] },
    ],
    { images: [makeImage()] },
  );
  const evaluation = evaluateFleet(snapshot, makePolicy(), NOW);

  it('counts the report, deferrals by why, and names only groups with due instances, least within policy first', () => {
    const report: RunReport = {
      ...emptyReport,
      dryRun: true,
      scanned: { groups: 3, instances: 5 },
      terminated: [{ instanceId: 'i-3', group: 'api', reasons: ['max-age'] }],
      deferred: [
        { instanceId: 'i-4', group: 'api', reasons: ['max-age'], why: 'group-budget' },
        { instanceId: 'i-1', group: 'web', reasons: ['max-age'], why: 'alarm' },
        { instanceId: 'i-9', group: 'web', reasons: ['max-age'], why: 'alarm' },
      ],
      errors: [{ group: 'web', code: 'alarm-unknown', message: 'alarm web-5xx does not exist' }, { code: 'read-failed', message: 'throttled' }],
    };

    const summary = buildRunSummary(report, evaluation, { account: '111111111111', region: 'eu-west-1', now: NOW });

    expect(summary).toMatchObject({
      schemaVersion: 1,
      account: '111111111111',
      region: 'eu-west-1',
      runAt: new Date(NOW).toISOString(),
      dryRun: true,
      terminated: 1,
      deferred: { 'group-budget': 1, alarm: 2 },
      unmanaged: 0,
      errors: 2,
      errorsByCode: [
        { code: 'alarm-unknown', errors: 1 },
        { code: 'read-failed', errors: 1 },
      ],
      errorMessages: ['web: alarm web-5xx does not exist', 'throttled'],
      freshness: { instances: 5, oldestInstanceAgeDays: 70, instancesPastLifetime: 3, fleetWithinPolicyPercent: 40 },
    });
    expect(summary.stalestGroups.map((group) => [group.group, group.fleetWithinPolicyPercent])).toEqual([
      ['api', 0],
      ['web', 50],
    ]);
  });

  it('stays small whatever the fleet: a bounded number of groups and error messages, each message cut', () => {
    const many = makeFleet(
      Array.from({ length: 40 }, (_, index) => ({ group: { name: `g-${index}` }, instances: [{ id: `i-${index}`, ageDays: 30 + index }] })),
      { images: [makeImage()] },
    );
    const report: RunReport = { ...emptyReport, errors: Array.from({ length: 500 }, (_, index) => ({ code: 'read-failed' as const, message: `${index} ${'x'.repeat(5000)}` })) };

    const summary = buildRunSummary(report, evaluateFleet(many, makePolicy(), NOW), { now: NOW });

    expect(summary.stalestGroups).toHaveLength(STALEST_GROUPS_LISTED);
    expect(summary.stalestGroups[0]).toMatchObject({ group: 'g-39', oldestInstanceAgeDays: 69 });
    expect(summary.errors).toBe(500);
    expect(summary.errorsByCode).toEqual([{ code: 'read-failed', errors: 500 }]);
    expect(summary.errorMessages).toHaveLength(ERRORS_LISTED);
    expect(summary.errorMessages.every((message) => message.length === ERROR_MESSAGE_CHARS)).toBe(true);
    expect(summary).not.toHaveProperty('account');
    // EventBridge takes events up to 256 KB (PutEvents, EventBridge API Reference).
    expect(Buffer.byteLength(JSON.stringify(summary))).toBeLessThan(8 * 1024);
  });
});
