import type { RunReport } from '../../lambda/model/report';
import { DEMO } from '../../local/demo-fleet';
import type { LocalAccount } from '../../local/local-account-store';
import { notFoundWhere } from '../../cli/named-targets';
import { demoAccount, mutatingActions, runLocal } from './cli-harness';

const NOWHERE_AMI = 'ami-0123456789abcdef0';
const NOWHERE_INSTANCE = 'i-0123456789abcdef0';
let local: LocalAccount;

beforeEach(() => {
  local = demoAccount();
});

const blockedAmis = () => local.account.state.parameters[DEMO.blockedAmisParameter]?.value;

describe('an AMI or instance that exists nowhere', () => {
  it('rotate --ami refuses it with exit 2, naming it, and changes nothing', async () => {
    const { code, stderr, stdout } = await runLocal(local, ['rotate', '--local', '--ami', `${local.account.group('api').members[0]?.imageId ?? ''},${NOWHERE_AMI}`, '--yes']);

    expect(code).toBe(2);
    expect(stderr).toContain(`${NOWHERE_AMI}: no instance runs this AMI and EC2 does not know it`);
    expect(stderr).toContain('Not found in the local account (check the ID); nothing was changed. Pass --force to go on with it anyway.');
    expect(stderr).not.toMatch(/--region|--profile/);
    expect(stdout).toBe('');
    expect(mutatingActions(local)).toEqual([]);
    expect(blockedAmis()).toBe('none');
  });

  it('rotate --ami --force blocks it anyway, with a warning', async () => {
    const { code, stderr } = await runLocal(local, ['rotate', '--local', '--ami', NOWHERE_AMI, '--yes', '--force']);

    expect(code).toBe(0);
    expect(stderr).toContain(`Warning: ${NOWHERE_AMI}: no instance runs this AMI and EC2 does not know it; going on because of --force.`);
    expect(blockedAmis()).toBe(NOWHERE_AMI);
  });

  it.each([
    ['plan --ami', ['plan', '--local', '--ami', NOWHERE_AMI], NOWHERE_AMI],
    ['plan --instance', ['plan', '--local', '--instance', NOWHERE_INSTANCE], NOWHERE_INSTANCE],
    ['plan --forecast --ami', ['plan', '--local', '--forecast', '1', '--ami', NOWHERE_AMI], NOWHERE_AMI],
  ])('%s refuses it with exit 2', async (_title, argv, id) => {
    const { code, stderr, stdout } = await runLocal(local, argv);

    expect(code).toBe(2);
    expect(stderr).toContain(`${id}: `);
    expect(stderr).toContain('Pass --force to go on with it anyway.');
    expect(stdout).toBe('');
    expect(mutatingActions(local)).toEqual([]);
  });

  it('plan --instance refuses an instance EC2 knows only as terminated', async () => {
    const gone = local.account.group('web').members[0]?.instanceId ?? '';
    await runLocal(local, ['rotate', '--local', '--group', 'web', '--yes']);
    local.account.tick();

    const { code, stderr } = await runLocal(local, ['plan', '--local', '--instance', gone]);

    expect(code).toBe(2);
    expect(stderr).toContain(`${gone}: EC2 knows no such instance (or only as terminated)`);
  });

  it('plan --force plans with it anyway: the run reports the target as not found', async () => {
    const { code, stdout, stderr } = await runLocal(local, ['plan', '--local', '--json', '--force', '--instance', NOWHERE_INSTANCE]);
    const report = JSON.parse(stdout) as RunReport;

    expect(code).toBe(0);
    expect(stderr).toContain('going on because of --force');
    expect(report.errors).toContainEqual({ instanceId: NOWHERE_INSTANCE, code: 'not-found', message: 'targeted instance not found' });
  });

  it.each([
    ['an AMI EC2 no longer knows that instances still run (deregistered)', () => ['--ami', local.account.group('batch').members[0]?.imageId ?? '']],
    ['an AMI EC2 knows that nothing runs yet', () => ['--ami', 'ami-00000000000000002']],
    ['a running instance', () => ['--instance', local.account.group('api').members[0]?.instanceId ?? '']],
  ])('accepts %s', async (_title, flags) => {
    const { code, stderr } = await runLocal(local, ['plan', '--local', ...flags()]);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('goes on with a warning when EC2 cannot be asked whether the AMI exists', async () => {
    local.account.denyAction('ec2:DescribeImages');

    const { code, stderr } = await runLocal(local, ['plan', '--local', '--ami', NOWHERE_AMI]);

    expect(code).toBe(0);
    expect(stderr).toContain(`Warning: ${NOWHERE_AMI}: no instance runs this AMI, and EC2 could not be asked whether it exists.`);
  });
});

describe('where a name that exists nowhere was looked for', () => {
  it.each([
    ['in AWS: the account and region, and the flags that choose them', false, 'in this account and region (check the ID, --region and --profile)'],
    ['with --local: the local account, and no flag --local does not take', true, 'in the local account (check the ID)'],
  ])('%s', (_title, local, where) => {
    expect(notFoundWhere(local)).toBe(where);
  });
});
