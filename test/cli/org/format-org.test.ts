import { formatOrgPlan, planAnswer, sortPlanRows } from '../../../cli/org/format-org-plan';
import { formatOrgStatus, sortStatusRows, statusAnswer } from '../../../cli/org/format-org-status';
import type { PlanRow } from '../../../cli/org/org-plan';
import type { StatusRow } from '../../../cli/org/org-row';
import { MINUTE, NOW } from './org-factories';

const lastRun = new Date(NOW - 12 * MINUTE).toISOString();

const rows: StatusRow[] = [
  { account: '111111111111', name: 'prod', region: 'eu-west-1', state: 'in policy', why: [], figures: { instances: 40, withinPolicyPercent: 100, lastRun } },
  { account: '222222222222', name: 'sandbox', region: 'eu-west-1', state: 'unreachable', why: ['role InstanceReaperOrgReader not assumable: AccessDenied'] },
  {
    account: '333333333333',
    region: 'eu-west-1',
    state: 'out of policy',
    why: ['3 instances past lifetime', 'deferred: group-budget 3'],
    figures: { instances: 10, withinPolicyPercent: 70, oldestDueAgeDays: 45, lastRun },
  },
  {
    account: '444444444444',
    name: 'data',
    region: 'us-east-1',
    state: 'out of policy',
    why: ['12 instances past lifetime, 3 instances on stale AMIs'],
    figures: { instances: 20, withinPolicyPercent: 40, oldestDueAgeDays: 90, lastRun },
  },
  { account: '444444444444', name: 'data', region: 'eu-west-1', state: 'not deployed', why: ['no instance-reaper stack found'] },
  { account: '555555555555', region: 'eu-west-1', state: 'paused', why: ['paused: schedule disabled, reserved concurrency 0'] },
];

describe('status --org output', () => {
  it('sorts worst first: out of policy (least within policy first), unreachable, paused, not deployed, in policy', () => {
    expect(sortStatusRows(rows).map((row) => `${row.account} ${row.region}`)).toEqual([
      '444444444444 us-east-1',
      '333333333333 eu-west-1',
      '222222222222 eu-west-1',
      '555555555555 eu-west-1',
      '444444444444 eu-west-1',
      '111111111111 eu-west-1',
    ]);
  });

  it('answers with N of M accounts out of policy, worst first with why, then what else needs a look', () => {
    expect(statusAnswer(sortStatusRows(rows))).toBe(
      [
        '2 of 5 accounts out of policy, worst first:',
        '  444444444444 (data) us-east-1: 12 instances past lifetime, 3 instances on stale AMIs',
        '  333333333333 eu-west-1: 3 instances past lifetime; deferred: group-budget 3',
        'Also: 1 unreachable: 222222222222 (sandbox); 1 paused: 555555555555; 1 not deployed: 444444444444 (data).',
      ].join('\n'),
    );
  });

  it('an organization in policy says 0 of M and nothing else', () => {
    expect(statusAnswer([rows[0] as StatusRow])).toBe('0 of 1 accounts out of policy.');
  });

  it('one table row per account and region, with the figures, the last run as an age, and why', () => {
    const text = formatOrgStatus(sortStatusRows(rows), NOW);

    expect(text).toMatch(/^ACCOUNT\s+REGION\s+STATE\s+INSTANCES\s+IN POLICY\s+OLDEST DUE\s+LAST RUN\s+WHY$/m);
    expect(text).toMatch(/^444444444444 \(data\)\s+us-east-1\s+out of policy\s+20\s+40%\s+90d\s+12 minutes ago\s+12 instances past lifetime, 3 instances on stale AMIs$/m);
    expect(text).toMatch(/^222222222222 \(sandbox\)\s+eu-west-1\s+unreachable\s+-\s+-\s+-\s+-\s+role InstanceReaperOrgReader not assumable: AccessDenied$/m);
    expect(text).toMatch(/^111111111111 \(prod\)\s+eu-west-1\s+in policy\s+40\s+100%\s+-\s+12 minutes ago\s+-$/m);
  });

  it('no account at all says so', () => {
    expect(formatOrgStatus([], NOW)).toBe('No account to look at.');
  });
});

const summary = (terminate: number, deferred: Record<string, number> = {}) => ({ terminate, deferred, unmanaged: 0, errors: 0, emergencyLeft: 0, deployedDryRun: false });

const planRows: PlanRow[] = [
  { account: '111111111111', region: 'eu-west-1', state: 'nothing due', why: [], summary: summary(0) },
  { account: '222222222222', region: 'eu-west-1', state: 'would terminate', why: ['deferred: group-budget 4'], summary: summary(2, { 'group-budget': 4 }) },
  { account: '333333333333', region: 'eu-west-1', state: 'would terminate', why: [], summary: summary(5) },
  { account: '444444444444', region: 'eu-west-1', state: 'unreachable', why: ['role InstanceReaperOrgReader not assumable: AccessDenied'] },
  { account: '555555555555', region: 'eu-west-1', state: 'would wait', why: ['deferred: outside-window 3'], summary: summary(0, { 'outside-window': 3 }) },
];

describe('plan --org output', () => {
  it('sorts most to do first', () => {
    expect(sortPlanRows(planRows).map((row) => row.account)).toEqual(['333333333333', '222222222222', '555555555555', '444444444444', '111111111111']);
  });

  it('totals what the next runs would do, and names what could not be planned', () => {
    expect(planAnswer(sortPlanRows(planRows))).toBe(
      ['Next runs would terminate 7 instances in 2 of 5 accounts; 7 deferred. Nothing was changed.', '1 unreachable: 444444444444'].join('\n'),
    );
  });

  it('one row per account and region: what it would terminate, defer and why', () => {
    const text = formatOrgPlan(sortPlanRows(planRows));

    expect(text).toMatch(/^ACCOUNT\s+REGION\s+NEXT RUN\s+TERMINATE\s+DEFERRED\s+UNMANAGED\s+WHY$/m);
    expect(text).toMatch(/^222222222222\s+eu-west-1\s+would terminate\s+2\s+4\s+0\s+deferred: group-budget 4$/m);
    expect(text).toMatch(/^444444444444\s+eu-west-1\s+unreachable\s+-\s+-\s+-\s+role InstanceReaperOrgReader not assumable: AccessDenied$/m);
  });
});
