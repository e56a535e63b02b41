import type { _InstanceType, DescribeLaunchTemplateVersionsRequest, DescribeLaunchTemplateVersionsResult, LaunchTemplateVersion, ResponseLaunchTemplateData } from '@aws-sdk/client-ec2';
import type { FakeAccount } from '../account';
import { findTemplate, findVersion, resolveImageAlias } from '../launch-source';
import { AwsError } from '../protocol/aws-error';
import { pageOf } from '../protocol/paging';
import type { AccountState, TemplateRecord, TemplateVersionRecord } from '../state';
import { FAKE_SECURITY_GROUP, fakeInstanceProfileArn } from './instance-network';

interface Found {
  readonly template: TemplateRecord;
  readonly version: TemplateVersionRecord;
}

function requireTemplate(state: AccountState, input: DescribeLaunchTemplateVersionsRequest): TemplateRecord {
  const template = findTemplate(state, { id: input.LaunchTemplateId, name: input.LaunchTemplateName });
  if (template) return template;
  if (input.LaunchTemplateId) {
    throw new AwsError('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${input.LaunchTemplateId}, does not exist.`);
  }
  throw new AwsError('InvalidLaunchTemplateName.NotFoundException', 'At least one of the launch templates specified in the request does not exist.');
}

/** One template: the versions asked for (`$Latest`, `$Default`, numbers), else all of them within MinVersion/MaxVersion. */
function oneTemplate(state: AccountState, input: DescribeLaunchTemplateVersionsRequest): Found[] {
  const template = requireTemplate(state, input);
  if (!input.Versions?.length) {
    const min = Number(input.MinVersion ?? 0);
    const max = Number(input.MaxVersion ?? Number.MAX_SAFE_INTEGER);
    return template.versions.filter((version) => version.number >= min && version.number <= max).map((version) => ({ template, version }));
  }
  return input.Versions.map((requested) => {
    const version = /^(\$Latest|\$Default|\d+)$/.test(requested) ? findVersion(template, requested) : undefined;
    if (!version) throw new AwsError('InvalidLaunchTemplateId.VersionNotFound', `Could not find launch template version ${requested} for template ${template.id}`);
    return { template, version };
  });
}

/** No template named: the `$Latest` and/or `$Default` version of every template (numbers are not allowed). */
function everyTemplate(state: AccountState, requested: readonly string[]): Found[] {
  if (requested.length === 0 || requested.some((version) => version !== '$Latest' && version !== '$Default')) {
    throw new AwsError('InvalidParameterValue', 'Without a launch template ID or name, only $Latest and $Default versions can be described.');
  }
  return Object.values(state.templates).flatMap((template) =>
    requested.flatMap((alias) => {
      const version = findVersion(template, alias);
      return version ? [{ template, version }] : [];
    }),
  );
}

/** A bootstrap script of a typical size (about 1.5 KB), as the template carries it: base64. */
function userData(template: TemplateRecord): string {
  const lines = [
    '#!/bin/bash',
    'set -euo pipefail',
    `# ${template.name}: bootstrap`,
    ...Array.from({ length: 24 }, (_, index) => `echo "step ${index}: configure service ${template.name} component ${index}" >> /var/log/bootstrap.log`),
    'systemctl enable --now app.service',
  ];
  return Buffer.from(lines.join('\n')).toString('base64');
}

/** What a typical template holds besides its AMI and type: key, profile, interface, volume, user data, tags, metadata options. */
function typicalTemplateData(state: AccountState, template: TemplateRecord, imageId: string, instanceType: string | undefined): ResponseLaunchTemplateData {
  const tags = [
    { Key: 'service', Value: template.name },
    { Key: 'team', Value: 'platform' },
  ];
  return {
    ImageId: imageId,
    ...(instanceType ? { InstanceType: instanceType as _InstanceType } : {}),
    KeyName: 'fleet-access',
    IamInstanceProfile: { Arn: fakeInstanceProfileArn(state.accountId) },
    NetworkInterfaces: [{ AssociatePublicIpAddress: false, DeleteOnTermination: true, DeviceIndex: 0, Groups: [FAKE_SECURITY_GROUP.GroupId] }],
    BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, DeleteOnTermination: true, VolumeSize: 30, VolumeType: 'gp3', Iops: 3000, Throughput: 125 } }],
    UserData: userData(template),
    TagSpecifications: [
      { ResourceType: 'instance', Tags: tags },
      { ResourceType: 'volume', Tags: tags },
    ],
    MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 2, HttpEndpoint: 'enabled' },
    Monitoring: { Enabled: false },
  };
}

function toVersion(state: AccountState, { template, version }: Found, resolveAlias: boolean): LaunchTemplateVersion {
  const imageId = resolveAlias ? (resolveImageAlias(state, version.imageId) ?? version.imageId) : version.imageId;
  return {
    LaunchTemplateId: template.id,
    LaunchTemplateName: template.name,
    VersionNumber: version.number,
    CreateTime: new Date(version.createdAt),
    CreatedBy: `arn:aws:iam::${state.accountId}:root`,
    DefaultVersion: version.number === template.defaultVersion,
    LaunchTemplateData: typicalTemplateData(state, template, imageId, version.instanceType),
  };
}

/** ResolveAlias=true turns `resolve:ssm:/name` into the parameter's value; without it the alias comes back as stored. */
export function describeLaunchTemplateVersions(account: FakeAccount, input: DescribeLaunchTemplateVersionsRequest): DescribeLaunchTemplateVersionsResult {
  if (input.LaunchTemplateId && input.LaunchTemplateName) {
    throw new AwsError('InvalidParameterCombination', 'You can specify either the launch template ID or the launch template name, but not both.');
  }
  const named = Boolean(input.LaunchTemplateId ?? input.LaunchTemplateName);
  const found = named ? oneTemplate(account.state, input) : everyTemplate(account.state, input.Versions ?? []);
  const seen = new Set<TemplateVersionRecord>();
  const unique = found.filter((entry) => !seen.has(entry.version) && Boolean(seen.add(entry.version)));
  const page = pageOf(unique, {
    requested: input.MaxResults,
    serverMax: account.state.pageSizes.templateVersions,
    nextToken: input.NextToken,
    invalidTokenCode: 'InvalidParameterValue',
  });
  return {
    LaunchTemplateVersions: page.items.map((entry) => toVersion(account.state, entry, input.ResolveAlias === true)),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}
