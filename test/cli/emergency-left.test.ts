import type { RunReport } from '../../lambda/model/report';
import type { LocalAccount } from '../../local/local-account-store';
import { demoAccount, runLocal } from './cli-harness';

let local: LocalAccount;

beforeEach(() => {
  local = demoAccount();
});

const imageOf = (group: string) => local.account.group(group).members[0]?.imageId ?? '';

/** What `status` and `plan` each say is left of the emergency, on the fleet as it is now. */
async function bothSay(): Promise<{ status: number; plan: number; statusLine: string; planLine: string }> {
  const status = JSON.parse((await runLocal(local, ['status', '--local', '--json'])).stdout) as { latestRun: { emergencyLeft: number } };
  const plan = JSON.parse((await runLocal(local, ['plan', '--local', '--json'])).stdout) as RunReport & { emergencyLeft: number };
  const statusLine = /Emergency left: \d+\./.exec((await runLocal(local, ['status', '--local'])).stdout)?.[0] ?? '';
  const planLine = /Emergency left: \d+\./.exec((await runLocal(local, ['plan', '--local'])).stdout)?.[0] ?? '';
  return { status: status.latestRun.emergencyLeft, plan: plan.emergencyLeft, statusLine, planLine };
}

describe('status and plan agree on what is left of an emergency rotation', () => {
  it('after every run, on the same fleet, down to 0 when it is finished', async () => {
    await runLocal(local, ['rotate', '--local', '--ami', imageOf('api'), '--yes']);
    const seen: number[] = [];
    for (let step = 0; step < 4; step += 1) {
      const said = await bothSay();
      // The instances the latest run terminated are still members (Terminating) until the fleet moves on: not left.
      expect(said.plan).toBe(said.status);
      expect(said.planLine).toBe(said.statusLine);
      seen.push(said.status);
      await runLocal(local, ['local', 'tick']);
    }

    expect(seen).toEqual([3, 2, 1, 0]);
  });

  it('a group rotation: the same', async () => {
    await runLocal(local, ['rotate', '--local', '--group', 'api', '--yes']);

    const said = await bothSay();

    expect([said.status, said.plan]).toEqual([3, 3]);
  });

  it('counts an emergency instance in no group as left: it is never touched, and needs a person', async () => {
    await runLocal(local, ['rotate', '--local', '--ami', imageOf('legacy'), '--yes']);

    const said = await bothSay();

    expect(said).toMatchObject({ status: 3, plan: 3 });
  });
});
