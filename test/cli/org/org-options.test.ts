import { UsageError } from '../../../cli/errors';
import { orgOptions } from '../../../cli/org/org-options';
import { parseCliArgs } from '../../../cli/parse-cli-args';
import { ORG_READER_ROLE_NAME } from '../../../infra/org/org-names';

const optionsOf = (...flags: string[]) => orgOptions(parseCliArgs(['status', '--org', ...flags]).options);

describe('orgOptions', () => {
  it('defaults: the organization listed, the CLI region, the documented reader role', () => {
    expect(optionsOf()).toEqual({ regions: [], roleName: ORG_READER_ROLE_NAME });
  });

  it('takes lists with commas or repeated flags, each value once', () => {
    expect(optionsOf('--accounts', '111111111111,222222222222', '--accounts', '111111111111', '--regions', 'eu-west-1,us-gov-west-1', '--role-name', 'Audit.Reader')).toEqual({
      accounts: ['111111111111', '222222222222'],
      regions: ['eu-west-1', 'us-gov-west-1'],
      roleName: 'Audit.Reader',
    });
  });

  it('takes an OU by its ID', () => {
    expect(optionsOf('--ou', 'ou-ab12-cd34ef56').ou).toBe('ou-ab12-cd34ef56');
  });

  it('refuses every bad value at once, naming the flag and the value', () => {
    expect(() => optionsOf('--accounts', '11111111111,abcdefghijkl', '--regions', 'EU-WEST-1', '--role-name', 'has space')).toThrow(
      new UsageError(
        [
          '--accounts "11111111111": expected a 12-digit account ID',
          '--accounts "abcdefghijkl": expected a 12-digit account ID',
          '--regions "EU-WEST-1": expected a region such as eu-west-1',
          '--role-name "has space": expected an IAM role name (letters, digits and +=,.@_-, at most 64)',
        ].join('\n'),
      ),
    );
  });

  it('a role name of 65 characters is refused, 64 taken', () => {
    expect(optionsOf('--role-name', 'r'.repeat(64)).roleName).toHaveLength(64);
    expect(() => optionsOf('--role-name', 'r'.repeat(65))).toThrow('--role-name');
  });
});
