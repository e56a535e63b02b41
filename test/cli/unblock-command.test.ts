import { DEMO } from '../../local/demo-fleet';
import type { LocalAccount } from '../../local/local-account-store';
import { demoAccount, mutatingActions, runLocal } from './cli-harness';

const ROTATE_BEFORE = 'instance-reaper:rotate-before';
let local: LocalAccount;

beforeEach(() => {
  local = demoAccount();
});

const blockedAmis = () => local.account.state.parameters[DEMO.blockedAmisParameter]?.value;

describe('unblock --ami', () => {
  it('removes AMIs and leaves none when the last goes', async () => {
    local.account.putParameter(DEMO.blockedAmisParameter, 'ami-0aaa,ami-0bbb', 'StringList');

    await runLocal(local, ['unblock', '--local', '--ami', 'ami-0aaa']);
    expect(blockedAmis()).toBe('ami-0bbb');
    const { stdout } = await runLocal(local, ['unblock', '--local', '--ami', 'ami-0bbb']);

    expect(blockedAmis()).toBe('none');
    expect(stdout).toContain('still blocked: none');
  });

  it('refuses an AMI that is not blocked with exit 2, says what is blocked, and changes nothing', async () => {
    local.account.putParameter(DEMO.blockedAmisParameter, 'ami-0aaa', 'StringList');
    local.account.clearCalls();

    const { code, stderr, stdout } = await runLocal(local, ['unblock', '--local', '--ami', 'ami-0aaa,ami-0ccc']);

    expect(code).toBe(2);
    expect(stderr).toContain('not blocked: ami-0ccc (/instance-reaper/blocked-amis blocks: ami-0aaa); nothing was changed');
    expect(stdout).toBe('');
    expect(blockedAmis()).toBe('ami-0aaa');
    expect(mutatingActions(local)).toEqual([]);
  });

  it('says so when nothing is blocked at all', async () => {
    const { code, stderr } = await runLocal(local, ['unblock', '--local', '--ami', 'ami-0aaa']);

    expect(code).toBe(2);
    expect(stderr).toContain('not blocked: ami-0aaa (/instance-reaper/blocked-amis blocks: none); nothing was changed');
    expect(mutatingActions(local)).toEqual([]);
  });
});

describe('unblock --group', () => {
  it('removes the rotate-before tag', async () => {
    local.account.setGroupTag('web', ROTATE_BEFORE, '2026-01-01T00:00:00Z');

    const { code } = await runLocal(local, ['unblock', '--local', '--group', 'web']);

    expect(code).toBe(0);
    expect(local.account.group('web').tags[ROTATE_BEFORE]).toBeUndefined();
  });

  it('refuses a group with no rotation requested with exit 2, and removes no tag at all', async () => {
    local.account.setGroupTag('web', ROTATE_BEFORE, '2026-01-01T00:00:00Z');

    const { code, stderr } = await runLocal(local, ['unblock', '--local', '--group', 'web,api']);

    expect(code).toBe(2);
    expect(stderr).toContain('no rotation is requested for api: no instance-reaper:rotate-before tag (requested for: web); nothing was changed');
    expect(local.account.group('web').tags[ROTATE_BEFORE]).toBe('2026-01-01T00:00:00Z');
    expect(mutatingActions(local)).toEqual([]);
  });

  it('refuses a group that does not exist with exit 2', async () => {
    const { code, stderr } = await runLocal(local, ['unblock', '--local', '--group', 'wbe']);

    expect(code).toBe(2);
    expect(stderr).toContain('Auto Scaling group not found: wbe; nothing was changed');
    expect(mutatingActions(local)).toEqual([]);
  });

  it.each([
    ['both --ami and --group', ['--ami', 'ami-0abc', '--group', 'web'], /'unblock' takes --ami AMI \.\.\. or --group GROUP \.\.\., not both/],
    ['a malformed AMI ID', ['--ami', 'ubuntu'], /--ami "ubuntu": expected an AMI ID/],
    ['--force, which only rotate and plan take', ['--ami', 'ami-0abc', '--force'], /'unblock' does not take --force/],
  ])('refuses %s with exit 2 before any AWS call', async (_title, flags, message) => {
    const { code, stderr } = await runLocal(local, ['unblock', '--local', ...flags]);

    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(local.account.calls).toEqual([]);
  });
});
