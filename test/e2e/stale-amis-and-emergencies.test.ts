import type { FakeAccount } from '../../local/fake-aws/account';
import { DAY_MS, LocalReaper, seedGroup, terminatedIds } from './local-reaper';

let reaper: LocalReaper | undefined;
afterEach(async () => reaper?.close());

const BLOCKED_PARAMETER = '/instance-reaper/blocked-amis';
const reasonsOf = (report: { terminated: readonly { instanceId: string; reasons: readonly string[] }[]; deferred: readonly { instanceId: string; reasons: readonly string[] }[] }) =>
  Object.fromEntries([...report.terminated, ...report.deferred].map((entry) => [entry.instanceId, entry.reasons]));

/** One young instance per AMI state, in groups of their own, so each reason shows alone. */
function seedStaleAmis(account: FakeAccount): Record<string, string> {
  const ids: Record<string, string> = {};
  const young = Date.now() - 2 * DAY_MS;
  for (const [name, change] of [
    ['deregistered', (ami: string) => account.deregisterImage(ami, { listedForMs: DAY_MS })],
    ['gone', (ami: string) => account.deregisterImage(ami)],
    ['disabled', (ami: string) => account.disableImage(ami)],
    ['deprecated', (ami: string) => account.deprecateImage(ami, Date.now() - DAY_MS)],
  ] as const) {
    const [id = ''] = seedGroup(account, name, [2]);
    change(account.instance(id).imageId);
    ids[name] = id;
  }
  const [drifted = ''] = seedGroup(account, 'drifted', [2]);
  account.addLaunchTemplateVersion('drifted-template', { imageId: account.addImage({ creationDate: young }) });
  ids.drifted = drifted;
  return ids;
}

describe('the deployed bundle on the wire: stale AMIs and emergencies', () => {
  it('judges deregistered, long-gone, disabled, deprecated and drifted AMIs', async () => {
    let ids: Record<string, string> = {};
    reaper = await LocalReaper.start((account) => {
      ids = seedStaleAmis(account);
    });

    const report = await reaper.invoke({ dryRun: true });

    expect(reasonsOf(report)).toEqual({
      [ids.deregistered ?? '']: ['ami-missing'],
      [ids.gone ?? '']: ['ami-missing'],
      [ids.disabled ?? '']: ['ami-missing'],
      [ids.deprecated ?? '']: ['ami-deprecated'],
      [ids.drifted ?? '']: ['ami-drift'],
    });
    // Those groups still launch the AMI that is gone: AWS cannot launch it, so they wait and are reported.
    const cannotLaunch = ['deregistered', 'gone', 'disabled'];
    expect(report.errors.map((error) => error.group).sort()).toEqual([...cannotLaunch].sort());
    expect(report.errors.every((error) => error.message.includes('cannot launch a replacement'))).toBe(true);
    expect(report.deferred.filter((entry) => entry.why === 'cannot-replace').map((entry) => entry.group).sort()).toEqual([...cannotLaunch].sort());
  });

  it('puts instances of AMIs named in the invocation first, within the budgets', async () => {
    let blocked: string[] = [];
    let oldest = '';
    reaper = await LocalReaper.start((account) => {
      [oldest = ''] = seedGroup(account, 'web', [90]);
      blocked = seedGroup(account, 'api', [3, 2]);
    });
    const amiId = reaper.account.instance(blocked[0] ?? '').imageId;

    const report = await reaper.invoke({ amiIds: [amiId], maxTerminations: 1 });

    expect(report.terminated).toEqual([{ instanceId: blocked[0], group: 'api', reasons: ['ami-blocked'] }]);
    expect(report.deferred).toEqual(
      expect.arrayContaining([expect.objectContaining({ instanceId: blocked[1], why: 'group-budget' }), expect.objectContaining({ instanceId: oldest, why: 'run-budget' })]),
    );
  });

  it('keeps rotating AMIs listed in the blocked-AMIs parameter on every scheduled run, until removed', async () => {
    let blocked: string[] = [];
    reaper = await LocalReaper.start((account) => {
      blocked = seedGroup(account, 'api', [3, 2]);
      account.putParameter(BLOCKED_PARAMETER, account.instance(blocked[0] ?? '').imageId, 'StringList');
      account.addLaunchTemplateVersion('api-template', { imageId: account.addImage({}) });
    });
    const env = { REAPER_BLOCKED_AMIS_PARAMETER: BLOCKED_PARAMETER, REAPER_AMI_DRIFT: 'false' };

    const first = await reaper.invoke(undefined, { env });
    reaper.account.tick();
    const second = await reaper.invoke(undefined, { env });
    reaper.account.tick();
    reaper.account.putParameter(BLOCKED_PARAMETER, 'none', 'StringList');
    const afterRemoval = await reaper.invoke(undefined, { env });

    expect([...terminatedIds(first), ...terminatedIds(second)].sort()).toEqual([...blocked].sort());
    expect(first.terminated[0]?.reasons).toEqual(['ami-blocked']);
    expect(afterRemoval.terminated).toEqual([]);
  });

  it('rotates every instance first launched before a group rotate-before tag, and none launched after', async () => {
    let before: string[] = [];
    reaper = await LocalReaper.start((account) => {
      before = seedGroup(account, 'web', [5, 4]);
      account.setGroupTag('web', 'instance-reaper:rotate-before', new Date(Date.now() - DAY_MS).toISOString());
    });

    const reports = [];
    for (let run = 0; run < 3; run += 1) {
      reports.push(await reaper.invoke());
      reaper.account.tick();
    }

    expect(reports.flatMap(terminatedIds).sort()).toEqual([...before].sort());
    expect(reports[0]?.terminated[0]?.reasons).toEqual(['rotation-requested']);
    expect(reports[2]?.terminated).toEqual([]);
  });

  it('reports a rotate-before time in the future in errors and leaves that group alone', async () => {
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'web', [40]);
      account.setGroupTag('web', 'instance-reaper:rotate-before', new Date(Date.now() + DAY_MS).toISOString());
      seedGroup(account, 'api', [40, 3]);
    });

    const report = await reaper.invoke();

    expect(report.errors).toEqual([expect.objectContaining({ group: 'web' })]);
    expect(report.terminated.map((entry) => entry.group)).toEqual(['api']);
  });

  it('reports due instances in no group as unmanaged and never touches them', async () => {
    let pet = '';
    reaper = await LocalReaper.start((account) => {
      seedGroup(account, 'web', [3]);
      pet = account.addInstance({ imageId: account.addImage({}), launchTime: Date.now() - 200 * DAY_MS });
    });

    const report = await reaper.invoke();

    expect(report.unmanaged).toEqual([{ instanceId: pet, reasons: ['max-age'] }]);
    expect(reaper.mutatingCalls()).toEqual([]);
  });
});
