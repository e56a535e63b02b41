import { App, Stack } from 'aws-cdk-lib';
import { InstanceReaper } from '../../infra/instance-reaper';
import { resourceArn } from './resolve-template';
import { decide } from './simulate';
import { synthesize } from './synthesize';

const resolveAlias = (resource: string) => ({ action: 'ssm:GetParameters', resource });
const PUBLIC_AMI = resourceArn.publicParameter('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64');

describe('amiAliasParameters: the resolve:ssm: parameters the function may read', () => {
  it('narrows ssm:GetParameters to the configured patterns, public (no account) or this account', async () => {
    const { rolePolicies } = synthesize({ amiAliasParameters: ['/golden/*', '/aws/service/canonical/*'] });
    const policies = { identity: rolePolicies };

    expect(await decide(policies, resolveAlias(resourceArn.accountParameter('/golden/web/ami-id')))).toBe('Allowed');
    expect(await decide(policies, resolveAlias(resourceArn.publicParameter('/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id')))).toBe('Allowed');
    expect(await decide(policies, resolveAlias(PUBLIC_AMI))).not.toBe('Allowed');
    expect(await decide(policies, resolveAlias(resourceArn.accountParameter('/ami/web/latest')))).not.toBe('Allowed');
  });

  it('grants no ssm:GetParameters at all when empty: every template with an alias is then held', async () => {
    const { rolePolicies } = synthesize({ amiAliasParameters: [] });

    expect(await decide({ identity: rolePolicies }, resolveAlias(PUBLIC_AMI))).not.toBe('Allowed');
    expect(JSON.stringify(rolePolicies)).not.toContain('ssm:GetParameters');
  });

  it.each([['golden/*'], [''], ['/ami/ web']])('refuses %j: a parameter name pattern starts with "/"', (pattern) => {
    const stack = new Stack(new App(), 'Bad');
    expect(() => new InstanceReaper(stack, 'Reaper', { amiAliasParameters: ['/ok/*', pattern] })).toThrow(/amiAliasParameters: expected an array of SSM parameter name patterns starting with "\/"/);
  });
});
