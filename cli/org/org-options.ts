import { ORG_READER_ROLE_NAME } from '../../infra/org/org-names';
import { UsageError } from '../errors';
import type { CliOptions } from '../parse-cli-args';

/** Which accounts and regions `--org` looks at, and the role it assumes in each account. */
export interface OrgOptions {
  /** Named with `--accounts`; undefined: listed from Organizations. */
  readonly accounts?: readonly string[];
  /** `--ou`: only the accounts under this OU, child OUs included. */
  readonly ou?: string;
  /** `--regions`; empty: the CLI's current region, resolved when connecting. */
  readonly regions: readonly string[];
  readonly roleName: string;
}

/** Organizations: an account ID is exactly 12 digits; an OU ID is `ou-` then 4-32 and 8-32 lower-case letters or digits. */
const ACCOUNT_ID = /^\d{12}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;
/** `eu-west-1`, `us-gov-west-1`, `cn-north-1`. */
const REGION = /^[a-z]{2,5}(-[a-z]+)+-\d+$/;
/** IAM: a role name is 1-64 of letters, digits and `+=,.@_-`. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

function refuse(flag: string, values: readonly string[], pattern: RegExp, expected: string): string[] {
  return values.filter((value) => !pattern.test(value)).map((value) => `${flag} ${JSON.stringify(value)}: expected ${expected}`);
}

/** Judges the `--org` flags, every problem at once, before any AWS call. */
export function orgOptions(options: CliOptions): OrgOptions {
  const roleName = options.roleName ?? ORG_READER_ROLE_NAME;
  const problems = [
    ...refuse('--accounts', options.accounts, ACCOUNT_ID, 'a 12-digit account ID'),
    ...refuse('--ou', options.ou === undefined ? [] : [options.ou], OU_ID, 'an OU ID such as ou-ab12-cd34ef56'),
    ...refuse('--regions', options.regions, REGION, 'a region such as eu-west-1'),
    ...refuse('--role-name', [roleName], ROLE_NAME, 'an IAM role name (letters, digits and +=,.@_-, at most 64)'),
  ];
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return {
    ...(options.accounts.length > 0 ? { accounts: [...new Set(options.accounts)] } : {}),
    ...(options.ou === undefined ? {} : { ou: options.ou }),
    regions: [...new Set(options.regions)],
    roleName,
  };
}
