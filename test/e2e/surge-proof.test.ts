import type { RunReport } from '../../lambda/model/report';
import { surgeProofMessage } from '../../lambda/policy/surge-proof';
import { LocalReaper, SCHEDULED_EVENT, seedGroup, terminatedIds } from './local-reaper';

/*
 * Contract section 9, "State the reaper did not write is never acted on": anyone who may tag a group can write a
 * surge-state record. One consistent in every field must still be refused; only the function's proof of authorship
 * (a MAC from the key only its role may use) makes a record one the reaper acts on.
 */

const MINUTE = 60_000;
const SURGE_STATE = 'instance-reaper:surge-state';
const SURGE_PROOF = 'instance-reaper:surge-proof';
const iso = (time: number) => new Date(time).toISOString();

let reaper: LocalReaper | undefined;
afterEach(async () => reaper?.close());

/** Every TerminateInstanceInAutoScalingGroup the run sent, with its decrement flag. */
const terminations = (local: LocalReaper) =>
  local.mutatingCalls().filter((call) => call.action === 'TerminateInstanceInAutoScalingGroup').map((call) => call.params as { InstanceId: string; ShouldDecrementDesiredCapacity: boolean });

const refusedFor = (report: RunReport, group: string) => report.errors.filter((error) => error.group === group && error.message.includes(SURGE_STATE));

describe('a surge-state record the function did not write', () => {
  it('consistent in every field (desired = the group\'s, added=1, a due member, started 10 minutes ago) is refused: nothing terminated, desired stays 3', async () => {
    let due = '';
    reaper = await LocalReaper.start((account) => {
      [due = ''] = seedGroup(account, 'web', [40, 2, 1]);
      account.setGroupTag('web', SURGE_STATE, `v1 at=${iso(Date.now() - 10 * MINUTE)} desired=3 added=1 ids=${due}`);
    });

    const report = await reaper.invoke();
    reaper.account.tick();

    expect(terminations(reaper)).toEqual([]);
    expect(terminatedIds(report)).toEqual([]);
    expect(reaper.account.group('web').desiredCapacity).toBe(3);
    expect(reaper.account.group('web').inService).toHaveLength(3);
    expect(refusedFor(report, 'web')).toHaveLength(1);
  });

  it.each([
    ['a due member', 0],
    ['a member that is not due (every other member launched since 2020 would count as added and be given back)', 1],
  ])('started in 2020 and naming %s is refused: no member, due or not, is terminated', async (_title, named) => {
    let ids: string[] = [];
    reaper = await LocalReaper.start((account) => {
      ids = seedGroup(account, 'web', [40, 2, 1]);
      account.setGroupTag('web', SURGE_STATE, `v1 at=2020-01-01T00:00:00.000Z desired=3 added=1 ids=${ids[named] ?? ''}`);
    });

    const report = await reaper.invoke();

    expect(terminations(reaper)).toEqual([]);
    expect(reaper.account.group('web').desiredCapacity).toBe(3);
    expect(refusedFor(report, 'web')).toHaveLength(1);
  });

  it('rewritten before each of 5 runs, does not drain a group of 5: desired stays 5, nothing terminated with decrement', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'web', [40, 39, 38, 37, 36], { maxSize: 7 });
    });
    const { account } = reaper;
    const start = Date.now();

    for (let run = 0; run < 5; run += 1) {
      const at = start + run * 15 * MINUTE;
      const group = account.group('web');
      const member = group.inService[0] ?? '';
      account.setGroupTag('web', SURGE_STATE, `v1 at=${iso(at - 10 * MINUTE)} desired=${group.desiredCapacity} added=1 ids=${member}`);
      const report = await reaper.invoke(SCHEDULED_EVENT, { at });
      expect(refusedFor(report, 'web')).toHaveLength(1);
      account.tick();
    }

    expect(terminations(reaper).filter((call) => call.ShouldDecrementDesiredCapacity)).toEqual([]);
    expect(account.group('web').desiredCapacity).toBe(5);
    expect(account.group('web').inService).toHaveLength(5);
  });

  it.each([
    ['a proof that is not a MAC', () => 'forged'],
    ['a MAC of the right message from another key (one a tag writer may use)', (local: LocalReaper, value: string) => {
      const ownKey = local.account.createKey();
      return local.account.generateMac(ownKey, surgeProofMessage(local.account.group('web').arn, value));
    }],
  ])('with %s is refused', async (_title, proofFor) => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'web', [40, 2, 1]);
    });
    const due = reaper.account.group('web').inService[0] ?? '';
    const value = `v1 at=${iso(Date.now() - 10 * MINUTE)} desired=3 added=1 ids=${due}`;
    reaper.account.setGroupTag('web', SURGE_STATE, value);
    reaper.account.setGroupTag('web', SURGE_PROOF, proofFor(reaper, value));

    const report = await reaper.invoke();

    expect(terminations(reaper)).toEqual([]);
    expect(refusedFor(report, 'web')).toEqual([expect.objectContaining({ message: expect.stringContaining('was not written by a run of the reaper') })]);
  });
});

describe('a surge the function started', () => {
  it('carries its proof and still starts and completes across runs (a group of one)', async () => {
    let old = '';
    reaper = await LocalReaper.start((account) => {
      [old = ''] = seedGroup(account, 'solo', [40], { minSize: 1, maxSize: 2 });
    });
    const { account } = reaper;

    const started = await reaper.invoke();
    const tags = account.group('solo').tags;
    account.tick();
    const completed = await reaper.invoke();
    account.tick();

    expect(started.surges).toEqual([expect.objectContaining({ action: 'capacity-added', desiredCapacity: 2 })]);
    expect(tags[SURGE_STATE]).toMatch(/ desired=2 added=1 ids=/);
    // HMAC_SHA_256: 32 bytes, base64.
    expect(tags[SURGE_PROOF]).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(completed.errors).toEqual([]);
    expect(completed.surges).toEqual([expect.objectContaining({ action: 'completed', instanceIds: [old] })]);
    expect(account.instance(old).state).toBe('terminated');
    expect(account.group('solo').desiredCapacity).toBe(1);
    expect(Object.keys(account.group('solo').tags)).not.toEqual(expect.arrayContaining([SURGE_STATE]));
    expect(Object.keys(account.group('solo').tags)).not.toEqual(expect.arrayContaining([SURGE_PROOF]));
  });

  it('copied with its proof to another group is refused there: that group keeps its capacity and its instance', async () => {
    let young = '';
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'solo', [40], { minSize: 1, maxSize: 2 });
      [young = ''] = seedGroup(account, 'other', [2], { minSize: 1, maxSize: 2 });
    });
    const { account } = reaper;
    await reaper.invoke();
    account.copyGroupTags('solo', 'other', [SURGE_STATE, SURGE_PROOF]);
    account.tick();
    await reaper.invoke();
    account.tick();
    account.clearCalls();

    // The instance the copy names is gone now: only the proof tells the record is not this group's.
    const report = await reaper.invoke();

    expect(refusedFor(report, 'other')).toEqual([expect.objectContaining({ message: expect.stringContaining(SURGE_PROOF) })]);
    expect(reaper.mutatingCalls()).toEqual([]);
    expect(account.group('other').desiredCapacity).toBe(1);
    expect(account.group('other').inService).toEqual([young]);
  });

  it('edited (its desired capacity changed) is refused: nothing terminated, the capacity it added stays for an operator', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'solo', [40], { minSize: 1, maxSize: 3 });
    });
    const { account } = reaper;
    await reaper.invoke();
    account.tick();
    const genuine = account.group('solo').tags[SURGE_STATE] ?? '';
    account.setGroupTag('solo', SURGE_STATE, genuine.replace(' desired=2 ', ' desired=3 '));
    account.clearCalls();

    const report = await reaper.invoke();

    expect(refusedFor(report, 'solo')).toHaveLength(1);
    expect(reaper.mutatingCalls()).toEqual([]);
    expect(account.group('solo').desiredCapacity).toBe(2);
  });
});

describe('without the key, or when KMS cannot be used', () => {
  it('a function configured without a key starts no surge and says why: nothing is written, no capacity added', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'solo', [40], { minSize: 1, maxSize: 2 });
    });

    const report = await reaper.invoke(SCHEDULED_EVENT, { env: { REAPER_STATE_KEY_ARN: '' } });

    expect(reaper.mutatingCalls()).toEqual([]);
    expect(reaper.account.group('solo').desiredCapacity).toBe(1);
    expect(report.surges).toEqual([]);
    expect(report.errors).toEqual([expect.objectContaining({ group: 'solo', code: 'write-failed', message: expect.stringContaining('REAPER_STATE_KEY_ARN') })]);
  });

  it('a function configured without a key does not act on a genuine record either: the group is held and reported', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'solo', [40], { minSize: 1, maxSize: 2 });
    });
    await reaper.invoke();
    reaper.account.tick();
    reaper.account.clearCalls();

    const report = await reaper.invoke(SCHEDULED_EVENT, { env: { REAPER_STATE_KEY_ARN: '' } });

    expect(reaper.mutatingCalls()).toEqual([]);
    expect(refusedFor(report, 'solo')).toEqual([expect.objectContaining({ message: expect.stringContaining('REAPER_STATE_KEY_ARN') })]);
  });

  it('GenerateMac denied: the surge does not start and nothing is written', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'solo', [40], { minSize: 1, maxSize: 2 });
      account.denyAction('kms:GenerateMac');
    });

    const report = await reaper.invoke();

    expect(reaper.mutatingCalls()).toEqual([]);
    expect(reaper.account.group('solo').desiredCapacity).toBe(1);
    expect(report.errors).toEqual([expect.objectContaining({ group: 'solo', code: 'write-failed', message: expect.stringContaining('AccessDeniedException') })]);
  });

  it('VerifyMac denied on a genuine surge: a read that failed holds the group and is reported, never a verdict of forgery', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'solo', [40], { minSize: 1, maxSize: 2 });
    });
    await reaper.invoke();
    reaper.account.tick();
    reaper.account.clearCalls();
    reaper.account.denyAction('kms:VerifyMac');

    const held = await reaper.invoke();
    reaper.account.allowAction('kms:VerifyMac');
    const completed = await reaper.invoke();

    expect(refusedFor(held, 'solo')).toEqual([expect.objectContaining({ message: expect.stringMatching(/could not be verified.*VerifyMac failed: AccessDeniedException/) })]);
    expect(completed.surges).toEqual([expect.objectContaining({ action: 'completed' })]);
  });
});
