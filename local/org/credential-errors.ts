import { AwsError } from '../fake-aws/protocol/aws-error';

/*
 * What each service answers a request signed with a key AWS does not know, or whose session has ended. The codes
 * follow each protocol's common errors: EC2 `AuthFailure` (401, "AWS was not able to validate the provided access
 * credentials"); awsQuery services `InvalidClientTokenId` (403, Common Errors: "The X.509 certificate or AWS access key
 * ID provided does not exist in our records"); JSON services `UnrecognizedClientException` ("The security token
 * included in the request is invalid", 400; Lambda answers it with 403). Expired sessions: `ExpiredToken` (awsQuery) or
 * `ExpiredTokenException` (JSON), "The security token included in the request is expired" (Common Errors, 403); EC2's
 * answer to an expired session is unconfirmed and follows awsQuery's.
 */

type Protocol = 'ec2' | 'query' | 'json' | 'rest-json';

/** Signing names by protocol; CloudWatch (`monitoring`) speaks JSON but answers with its awsQuery codes. */
const PROTOCOLS: Readonly<Record<string, Protocol>> = {
  ec2: 'ec2',
  autoscaling: 'query',
  elasticloadbalancing: 'query',
  sns: 'query',
  sts: 'query',
  cloudformation: 'query',
  monitoring: 'query',
  ssm: 'json',
  events: 'json',
  logs: 'json',
  organizations: 'json',
  lambda: 'rest-json',
};

const INVALID = 'The security token included in the request is invalid.';
const EXPIRED = 'The security token included in the request is expired';

export type CredentialProblem = 'unknown-key' | 'expired';

/** The error the service behind `signingName` answers for a key it does not know or a session that has ended. */
export function credentialError(signingName: string, problem: CredentialProblem): AwsError {
  const protocol = PROTOCOLS[signingName] ?? 'json';
  if (problem === 'expired') return protocol === 'json' || protocol === 'rest-json' ? new AwsError('ExpiredTokenException', EXPIRED, 403) : new AwsError('ExpiredToken', EXPIRED, 403);
  switch (protocol) {
    case 'ec2':
      return new AwsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
    case 'query':
      return new AwsError('InvalidClientTokenId', INVALID, 403);
    case 'json':
      return new AwsError('UnrecognizedClientException', INVALID, 400);
    case 'rest-json':
      return new AwsError('UnrecognizedClientException', INVALID, 403);
  }
}
