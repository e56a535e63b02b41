import { Match } from 'aws-cdk-lib/assertions';
import { RUN_SUMMARY_DETAIL_TYPE, RUN_SUMMARY_SOURCE } from '../../../lambda/report/run-summary';
import { ERRORS_BY_CODE_QUERY, FLEET_FRESHNESS_QUERY, LAST_REPORT_QUERY, RUNS_WITH_ERRORS_QUERY, STALEST_GROUPS_QUERY } from '../../../infra/org/central-queries';
import { CENTRAL_BUS_NAME, CENTRAL_LOG_GROUP_NAME, ORG_READER_ROLE_NAME, centralBusArn } from '../../../infra/org/org-names';
import type { SynthesizedTemplate } from '../resolve-template';
import { synthesizeOrg, type SynthesizedOrg } from './synthesize-org';

let org: SynthesizedOrg;

beforeAll(() => {
  org = synthesizeOrg();
}, 120_000);

const resources = (template: SynthesizedTemplate, type: string) => Object.values(template.Resources).filter((resource) => resource.Type === type);
const member = (name: string) => org.members.get(name)!;
const functionOf = (name: string) => resources(member(name), 'AWS::Lambda::Function')[0]!.Properties as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

it("passes cdk-nag's AwsSolutions rules in every stack (the findings that remain are suppressed with a reason)", () => {
  expect(org.errors).toEqual([]);
});

describe('the StackSets', () => {
  it.each([
    ['sandbox', ['ou-ab12-sandbox1'], ['eu-west-1']],
    ['production', ['ou-ab12-prod0001', 'ou-ab12-prod0002'], ['eu-west-1', 'us-east-1']],
  ])('deploy %s, service-managed with auto-deployment, to its OUs and regions with the safe operation preferences', (name, ous, regions) => {
    org.stackSets.hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackSetName: `instance-reaper-${name}`,
      PermissionModel: 'SERVICE_MANAGED',
      CallAs: 'DELEGATED_ADMIN',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ous }, Regions: regions }],
      OperationPreferences: { FailureTolerancePercentage: 0, MaxConcurrentPercentage: 25, RegionConcurrencyType: 'SEQUENTIAL', RegionOrder: regions },
    });
  });

  it('are one per deployment', () => {
    org.stackSets.resourceCountIs('AWS::CloudFormation::StackSet', 2);
  });
});

describe('the member stacks', () => {
  it('run dry in the sandbox deployment only', () => {
    expect(functionOf('sandbox').Environment.Variables).toMatchObject({ REAPER_DRY_RUN: 'true', REAPER_MAX_AGE_DAYS: '28' });
    expect(functionOf('production').Environment.Variables).toMatchObject({ REAPER_DRY_RUN: 'false', REAPER_MAX_AGE_DAYS: '28' });
  });

  it('carry the production window only in production', () => {
    expect(functionOf('production').Environment.Variables.REAPER_WINDOW).toBe('Mon-Fri 02:00-05:00 Europe/Berlin');
    expect(functionOf('sandbox').Environment.Variables.REAPER_WINDOW).toBeUndefined();
  });

  it('send every run summary to the central bus', () => {
    const bus = centralBusArn('aws', org.organization.central.region, org.organization.central.account);
    expect(functionOf('sandbox').Environment.Variables.REAPER_CENTRAL_BUS_ARN).toBe(bus);
    expect(JSON.stringify(member('sandbox'))).toContain(`"Action":"events:PutEvents","Effect":"Allow","Resource":"${bus}"`);
  });

  it("take the function's code from the region's asset bucket, not from the CDK bootstrap bucket", () => {
    expect(functionOf('production').Code.S3Bucket).toEqual({ 'Fn::Join': ['-', [org.organization.stackSets.assetBucketPrefix, { Ref: 'AWS::Region' }]] });
    expect(JSON.stringify(member('production'))).not.toContain('cdk-hnb659fds');
  });

  it('keep the outputs the CLI finds a reaper stack by', () => {
    const outputs = Object.keys((member('sandbox') as unknown as { Outputs: Record<string, unknown> }).Outputs);
    for (const name of ['FunctionName', 'ScheduleRuleName', 'BlockedAmisParameterName']) expect(outputs.some((key) => key.startsWith(`Reaper${name}`))).toBe(true);
  });

  it('create the reader role, trusted by the central account only, in the first region only (IAM is global)', () => {
    const [role] = Object.values(member('production').Resources).filter((resource) => resource.Type === 'AWS::IAM::Role' && resource.Properties?.RoleName === ORG_READER_ROLE_NAME) as unknown as {
      Condition: string;
      Properties: { AssumeRolePolicyDocument: unknown };
    }[];
    expect(role?.Properties.AssumeRolePolicyDocument).toEqual({
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${org.organization.central.account}:root`]] } } }],
      Version: '2012-10-17',
    });
    const conditions = (member('production') as unknown as { Conditions: Record<string, unknown> }).Conditions;
    expect(conditions[role!.Condition]).toEqual({ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] });
  });
});

describe('the asset buckets', () => {
  it.each(['eu-west-1', 'us-east-1'])('exist in %s, named for cdk-stacksets, readable by the organization only', (region) => {
    const template = org.assetBuckets.get(region)!;
    template.hasResourceProperties('AWS::S3::Bucket', { BucketName: `${org.organization.stackSets.assetBucketPrefix}-${region}` });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'OrganizationReadsAssets', Action: 's3:GetObject', Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': org.organization.organizationId } } }),
        ]),
      },
    });
  });

  it('are filled by the StackSets stack, one copy per region bucket', () => {
    org.stackSets.resourceCountIs('Custom::CDKBucketDeployment', 2 * org.assetBuckets.size);
  });
});

describe('the central stack', () => {
  it(`has the bus ${CENTRAL_BUS_NAME}, sendable to by the organization, and only the reaper's summaries`, () => {
    org.central.hasResourceProperties('AWS::Events::EventBus', { Name: CENTRAL_BUS_NAME });
    org.central.resourceCountIs('AWS::Events::EventBusPolicy', 1);
    org.central.hasResourceProperties('AWS::Events::EventBusPolicy', {
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'events:PutEvents',
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': org.organization.organizationId },
          'ForAllValues:StringEquals': { 'events:source': [RUN_SUMMARY_SOURCE], 'events:detail-type': [RUN_SUMMARY_DETAIL_TYPE] },
          'ForAnyValue:StringEquals': { 'events:source': [RUN_SUMMARY_SOURCE], 'events:detail-type': [RUN_SUMMARY_DETAIL_TYPE] },
          Null: { 'events:source': 'false', 'events:detail-type': 'false' },
        },
      },
    });
  });

  it('stores the summaries in its log group, with the configured retention', () => {
    org.central.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: CENTRAL_LOG_GROUP_NAME, RetentionInDays: 90 });
    org.central.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: [RUN_SUMMARY_SOURCE], 'detail-type': [RUN_SUMMARY_DETAIL_TYPE] },
      Targets: [Match.objectLike({ Arn: Match.anyValue() })],
    });
    const [policy] = Object.values(org.central.findResources('AWS::Logs::ResourcePolicy'));
    const document = JSON.stringify(policy);
    for (const part of ['events.amazonaws.com', 'logs:CreateLogStream', 'logs:PutLogEvents']) expect(document).toContain(part);
  });

  it('alarms when no summary arrives for the silence threshold (missing data counts)', () => {
    org.central.hasResourceProperties('AWS::CloudWatch::Alarm', { ComparisonOperator: 'LessThanThreshold', Threshold: 1, EvaluationPeriods: 8, Period: 900, TreatMissingData: 'breaching' });
  });

  it('notifies people of the silence and of its end, through a topic CloudWatch can publish to (its own key, the email subscribed)', () => {
    const [topicId] = Object.keys(org.central.findResources('AWS::SNS::Topic'));
    const [keyId] = Object.keys(org.central.findResources('AWS::KMS::Key'));
    org.central.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: topicId }], OKActions: [{ Ref: topicId }] });
    org.central.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    org.central.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'platform-oncall@example.com', TopicArn: { Ref: topicId } });
    const keyPolicy = JSON.stringify(org.central.findResources('AWS::KMS::Key'));
    expect(keyPolicy).toContain('cloudwatch.amazonaws.com');
    const topicPolicy = JSON.stringify(org.central.findResources('AWS::SNS::TopicPolicy'));
    expect(topicPolicy).toContain('cloudwatch.amazonaws.com');
  });

  /** The dashboard's widgets, its log group references shown as REF(logical ID). */
  function widgets(): { type: string; properties: { title?: string; query?: string } }[] {
    const [dashboard] = Object.values(org.central.findResources('AWS::CloudWatch::Dashboard')) as { Properties: { DashboardBody: { 'Fn::Join': [string, unknown[]] } } }[];
    const parts = dashboard!.Properties.DashboardBody['Fn::Join'][1];
    const body = parts.map((part) => (typeof part === 'string' ? part : 'Ref' in (part as object) ? `REF(${(part as { Ref: string }).Ref})` : 'TOKEN')).join('');
    return (JSON.parse(body) as { widgets: ReturnType<typeof widgets> }).widgets;
  }

  it.each([
    ['fleet freshness', FLEET_FRESHNESS_QUERY],
    ['stalest groups', STALEST_GROUPS_QUERY],
    ['runs with errors', RUNS_WITH_ERRORS_QUERY],
    ['errors by code', ERRORS_BY_CODE_QUERY],
    ['last report', LAST_REPORT_QUERY],
  ])('has a dashboard table with the %s query on the central log group', (_title, query) => {
    const [logGroupId] = Object.keys(org.central.findResources('AWS::Logs::LogGroup', { Properties: { LogGroupName: CENTRAL_LOG_GROUP_NAME } }));
    expect(widgets().filter((widget) => widget.properties.query === `SOURCE 'REF(${logGroupId})' | ${query}`)).toHaveLength(1);
  });

  // The envelope's region is the bus's (PutEvents is called on the bus's regional endpoint): every row would read the
  // central region. The reaper's own region is the summary's.
  it.each([FLEET_FRESHNESS_QUERY, STALEST_GROUPS_QUERY, RUNS_WITH_ERRORS_QUERY, ERRORS_BY_CODE_QUERY, LAST_REPORT_QUERY])('tells regions apart by the summary\'s region, not the envelope\'s: %s', (query) => {
    expect(query).toContain('detail.region');
    expect(query).not.toMatch(/(by account, region|, region,)/);
  });

  it('names the silence threshold on the last-report table', () => {
    expect(widgets().map((widget) => widget.properties.title)).toContain('Last report per account and region, oldest first: older than 120 minutes = stopped reporting');
  });
});
