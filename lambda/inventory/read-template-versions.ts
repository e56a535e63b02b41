import { DescribeLaunchTemplateVersions$, DescribeLaunchTemplateVersionsCommand, type DescribeLaunchTemplateVersionsCommandInput, type LaunchTemplateVersion } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../clients';
import { Interned } from '../util/interned';
import { sendKeeping, type KeptAnswer } from './send-keeping';

/** What the reaper reads of a launch template version: which template and version it is, and the AMI it launches. */
const PAGE: KeptAnswer = {
  operation: DescribeLaunchTemplateVersions$,
  protocol: 'ec2',
  keep: {
    LaunchTemplateVersions: { LaunchTemplateId: true, LaunchTemplateName: true, VersionNumber: true, DefaultVersion: true, LaunchTemplateData: { ImageId: true } },
    NextToken: true,
  },
};

/**
 * Every page of a DescribeLaunchTemplateVersions call, each read as it arrives into those fields: the versions' user
 * data, network settings and tags (most of a large account's answer) are never held.
 */
export async function readTemplateVersions(clients: AwsClients, input: DescribeLaunchTemplateVersionsCommandInput): Promise<LaunchTemplateVersion[]> {
  const versions: LaunchTemplateVersion[] = [];
  const interned = new Interned();
  let nextToken: string | undefined;
  do {
    const command = new DescribeLaunchTemplateVersionsCommand({ ...input, ...(nextToken ? { NextToken: nextToken } : {}) });
    const page = await sendKeeping(command, () => clients.ec2.send(command), PAGE, interned);
    versions.push(...(page.LaunchTemplateVersions ?? []));
    nextToken = page.NextToken || undefined;
  } while (nextToken);
  return versions;
}
