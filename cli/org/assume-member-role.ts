import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';

/** The session name member accounts see in CloudTrail for every read `--org` makes (STS: 2-64 of `\w+=,.@-`). */
export const ORG_SESSION_NAME = 'instance-reaper-cli-org';

export interface MemberCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

/** ARNs start `arn:aws-cn` in the China regions and `arn:aws-us-gov` in GovCloud (US), `arn:aws` elsewhere (AWS General Reference, ARNs). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}


/** The role's temporary credentials; they hold in every region of the partition, so one AssumeRole serves all of an account's regions. */
export async function assumeMemberRole(sts: STSClient, roleArn: string): Promise<MemberCredentials> {
  const { Credentials: credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: ORG_SESSION_NAME }));
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) throw new Error(`AssumeRole ${roleArn} returned no credentials`);
  return { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.SessionToken };
}
