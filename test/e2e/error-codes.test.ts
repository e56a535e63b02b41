import { ERROR_CODES, type ErrorCode } from '../../lambda/model/error-codes';
import type { RunReport } from '../../lambda/model/report';
import { readReportLine } from '../../lambda/report/assemble-report';
import { countBy } from '../../lambda/util/count-by';
import type { FakeAccount } from '../../local/fake-aws/account';
import type { Invocation } from '../../local/invoke-bundle';
import { parseLogLines } from '../../local/simulation/run-captured';
import { LocalReaper, SCHEDULED_EVENT, seedGroup } from './local-reaper';

let reaper: LocalReaper | undefined;
afterEach(async () => reaper?.close());

const MINUTE = 60_000;
const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:reaper-notifications';

/** A local account, and how the deployed bundle is run against it. */
interface Scenario {
  readonly seed: (account: FakeAccount) => void;
  readonly run?: (reaper: LocalReaper) => Promise<Invocation>;
}

/** A group of two, the older past its lifetime: a run would terminate it. */
const dueGroup = (account: FakeAccount, group: Record<string, unknown> = {}): string[] => seedGroup(account, 'web', [40, 3], group);

/**
 * One scenario per code, typed by the set: a code added without a scenario does not compile, and each scenario must
 * make the bundle produce its code.
 */
const SCENARIOS: Record<ErrorCode, Scenario> = {
  'read-failed': { seed: (account) => dueGroup(account, { launchTemplate: { name: 'web-template', version: '99' } }) },
  'read-denied': {
    seed: (account) => {
      dueGroup(account);
      account.denyAction('DescribeInstanceRefreshes');
    },
  },
  'not-found': { seed: (account) => dueGroup(account), run: (local) => local.invokeRaw({ groups: ['web', 'wbe'] }) },
  'alarm-unknown': { seed: (account) => dueGroup(account, { tags: { 'instance-reaper:alarms': 'web-5xx-typo' } }) },
  'cannot-replace': {
    seed: (account) => {
      const [old = ''] = dueGroup(account);
      account.deregisterImage(account.instance(old).imageId);
    },
  },
  'tag-malformed': { seed: (account) => dueGroup(account, { tags: { 'instance-reaper:max-age-days': 'a month' } }) },
  'state-refused': { seed: (account) => dueGroup(account, { tags: { 'instance-reaper:surge-state': 'garbage' } }) },
  'instance-retained': {
    seed: (account) => {
      const [, young = ''] = dueGroup(account);
      account.setLifecycleState(young, 'Terminating:Retained');
    },
  },
  'surge-incomplete': {
    seed: (account) => seedGroup(account, 'bastion', [40], { minSize: 1, maxSize: 4 }),
    // The surge adds capacity; a scale-in takes it back; past the timeout the surge ends without completing.
    run: async (local) => {
      await local.invoke();
      local.account.setDesiredCapacity('bastion', 1);
      local.account.tick();
      return local.invokeRaw(SCHEDULED_EVENT, { at: Date.now() + 61 * MINUTE });
    },
  },
  'write-failed': {
    seed: (account) => {
      dueGroup(account);
      account.denyAction('TerminateInstanceInAutoScalingGroup');
    },
  },
  'notify-failed': {
    seed: (account) => {
      dueGroup(account);
      account.denyAction('sns:Publish');
    },
    run: (local) => local.invokeRaw(SCHEDULED_EVENT, { env: { REAPER_TOPIC_ARN: TOPIC_ARN } }),
  },
  'input-invalid': { seed: (account) => dueGroup(account), run: (local) => local.invokeRaw({ dryrun: true }) },
};

/** The codes a run produced: its report's errors, or, when it threw, the code its `run failed` line carries. */
function codesOf(invocation: Invocation): unknown[] {
  if (invocation.error === undefined) return (invocation.result as RunReport).errors.map((error) => error.code);
  const failed = parseLogLines(invocation.logs).filter((line) => line.message === 'run failed');
  return failed.map((line) => (line.error as { code?: unknown } | undefined)?.code);
}

/** The errors by code on the header line of the run's logged report; undefined when it logged none. */
function loggedErrorsByCode(invocation: Invocation): Readonly<Record<string, number>> | undefined {
  const header = parseLogLines(invocation.logs).flatMap((line) => readReportLine(line)?.header ?? []);
  return header.at(-1)?.errorsByCode;
}

const KNOWN: ReadonlySet<unknown> = new Set(ERROR_CODES);

describe('every error code, produced by the deployed bundle against the local account', () => {
  it('has a scenario for every code of the set, and none for a code outside it', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...ERROR_CODES].sort());
  });

  it.each(ERROR_CODES.map((code) => [code]))('%s', async (code) => {
    const scenario = SCENARIOS[code];
    reaper = await LocalReaper.start(scenario.seed);

    const invocation = await (scenario.run ?? ((local: LocalReaper) => local.invokeRaw()))(reaper);
    const codes = codesOf(invocation);

    expect(codes).toContain(code);
    // Every error that reaches the report (or the failed run's line) carries a code of the set.
    expect(codes.filter((other) => !KNOWN.has(other))).toEqual([]);
    // The logged report's header counts them by code, as the response lists them; a run that threw logs no report.
    expect(loggedErrorsByCode(invocation)).toEqual(invocation.error === undefined ? countBy(codes, String) : undefined);
  });
});
