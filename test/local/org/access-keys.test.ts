import { AccessKeys } from '../../../local/org/access-keys';
import { credentialError } from '../../../local/org/credential-errors';

describe('AccessKeys', () => {
  it('gives an account the same 20-character key every time, held by the account\'s principal', () => {
    const keys = new AccessKeys();

    const first = keys.forAccount('333333333333');

    expect(keys.forAccount('333333333333')).toEqual(first);
    expect(first.accessKeyId).toHaveLength(20);
    expect(keys.holderOf(first.accessKeyId, 0)).toEqual({ accountId: '333333333333', principal: 'arn:aws:sts::333333333333:assumed-role/fake-aws-caller/fake-aws-session' });
  });

  it.each([
    ['one ms before its expiry: held', 999, 'held'],
    ['at its expiry: expired', 1000, 'expired'],
  ])('a temporary key %s', (_title, now, expected) => {
    const keys = new AccessKeys();
    const key = keys.issueTemporary({ accountId: '333333333333', principal: 'arn:aws:sts::333333333333:assumed-role/R/s', expiresAt: 1000 });

    const holder = keys.holderOf(key.accessKeyId, now);

    expect(typeof holder === 'string' ? holder : 'held').toBe(expected);
  });

  it('knows no key it never issued', () => {
    expect(new AccessKeys().holderOf('AKIANOBODY', 0)).toBe('unknown-key');
  });
});

describe('credentialError', () => {
  it.each([
    ['ec2', 'unknown-key', 'AuthFailure', 401],
    ['autoscaling', 'unknown-key', 'InvalidClientTokenId', 403],
    ['ssm', 'unknown-key', 'UnrecognizedClientException', 400],
    ['lambda', 'unknown-key', 'UnrecognizedClientException', 403],
    ['sts', 'expired', 'ExpiredToken', 403],
    ['events', 'expired', 'ExpiredTokenException', 403],
  ] as const)('%s answers a %s with %s (%s)', (signingName, problem, code, status) => {
    expect(credentialError(signingName, problem)).toMatchObject({ code, status });
  });
});
