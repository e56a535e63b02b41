import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { InstanceReaper } from '../../infra/instance-reaper';
import { ReaperStack } from '../../infra/reaper-stack';
import { GROUP_FRESHNESS_QUERY } from '../../lambda/report/metric-names';
import { CDK_CONTEXT } from './cdk-context';

type Statement = { Sid?: string; Action: string | string[]; Condition?: unknown; Resource?: unknown };

let stack: Stack;
let template: Template;
let statements: Statement[];

beforeAll(() => {
  const app = new App({ context: CDK_CONTEXT });
  stack = new ReaperStack(app, 'Reaper', {
    reaper: { maxTerminationsPerGroup: '25%', notificationEmail: 'oncall@example.com', amiMaxAgeDays: 90, alarmNames: ['api-5xx', 'db-cpu'], maintenanceWindow: 'Mon-Fri 02:00-05:00 Europe/Berlin' },
  });
  Aspects.of(app).add(new AwsSolutionsChecks());
  app.synth();
  template = Template.fromStack(stack);
  const policies = template.findResources('AWS::IAM::Policy');
  statements = Object.values(policies).flatMap((policy) => (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement);
}, 120_000);

const actionsOf = (statement: Statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);

describe('InstanceReaper construct', () => {
  it('creates exactly one Lambda function: Node.js 22 on arm64, one run at a time', () => {
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      ReservedConcurrentExecutions: 1,
      MemorySize: 1024,
      Timeout: 300,
    });
  });

  it('carries the configured policy in environment variables', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          REAPER_DRY_RUN: 'false',
          REAPER_MAX_AGE_DAYS: '28',
          REAPER_AMI_MAX_AGE_DAYS: '90',
          REAPER_AMI_DRIFT: 'true',
          REAPER_MAX_TERMINATIONS_PER_GROUP: '25%',
          REAPER_MAX_TERMINATIONS: '20',
          REAPER_BLOCKED_AMIS_PARAMETER: { Ref: Match.stringLikeRegexp('BlockedAmis') },
          REAPER_ALARM_NAMES: 'api-5xx,db-cpu',
          REAPER_WINDOW: 'Mon-Fri 02:00-05:00 Europe/Berlin',
          REAPER_GRACE_DAYS: '7',
        }),
      },
    });
  });

  it('runs every 15 minutes from an EventBridge rule that may invoke the function', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      Targets: Match.arrayWith([Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ReaperFunction'), 'Arn'] } })]),
    });
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com' });
  });

  it('reads the fleet with Describe calls only', () => {
    const read = statements.find((statement) => statement.Sid === 'ReadFleet');
    expect(read && actionsOf(read).every((action) => /^[a-z0-9]+:Describe[A-Za-z]+$/.test(action))).toBe(true);
    expect(read && actionsOf(read)).toEqual(expect.arrayContaining(['autoscaling:DescribeAutoScalingGroups', 'ec2:DescribeInstances', 'ec2:DescribeImages', 'ec2:DescribeLaunchTemplateVersions']));
  });

  it("reads VPC Lattice targets with ListTargets alone, on the account's VPC Lattice target groups", () => {
    expect(statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('vpc-lattice:')))).toEqual([
      {
        Sid: 'ReadLatticeTargets',
        Effect: 'Allow',
        Action: 'vpc-lattice:ListTargets',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':vpc-lattice:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':targetgroup/*']] },
      },
    ]);
  });

  it('writes only through Auto Scaling groups that are not tagged exempt', () => {
    const writes = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('autoscaling:') && !action.includes(':Describe')));
    expect(writes.flatMap(actionsOf).sort()).toEqual([
      'autoscaling:CreateOrUpdateTags',
      'autoscaling:DeleteTags',
      'autoscaling:SetDesiredCapacity',
      'autoscaling:TerminateInstanceInAutoScalingGroup',
    ]);
    for (const statement of writes) {
      expect(statement.Condition).toMatchObject({ StringNotEqualsIgnoreCase: { 'aws:ResourceTag/instance-reaper:exempt': 'true' } });
    }
  });

  it('limits tag writes to the surge-state tag and its proof', () => {
    const tagging = statements.find((statement) => statement.Sid === 'RecordSurgeState');
    expect(tagging?.Condition).toMatchObject({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['instance-reaper:surge-state', 'instance-reaper:surge-proof'] } });
  });

  it('creates an HMAC key for the proof of its surge records, passes its ARN to the function, and lets the role use that key only', () => {
    const keys = template.findResources('AWS::KMS::Key', { Properties: { KeySpec: 'HMAC_256' } });
    const [keyId, key] = Object.entries(keys)[0] ?? [];
    const [roleId] = Object.keys(template.findResources('AWS::IAM::Role', { Properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'lambda.amazonaws.com' } }] } } }));

    expect(Object.keys(keys)).toHaveLength(1);
    expect(key?.Properties).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    // HMAC keys cannot rotate automatically.
    expect(key?.Properties.EnableKeyRotation).not.toBe(true);
    expect(key?.Properties.KeyPolicy.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Allow', Principal: { AWS: expect.anything() }, Action: 'kms:*', Resource: '*' }),
        {
          Sid: 'OnlyTheFunctionMayProveSurgeRecords',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'kms:GenerateMac',
          Resource: '*',
          Condition: { ArnNotEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': [roleId, 'Arn'] } } },
        },
      ]),
    );
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ REAPER_STATE_KEY_ARN: { 'Fn::GetAtt': [keyId, 'Arn'] } }) } });
    const macs = statements.filter((statement) => actionsOf(statement).some((action) => action.endsWith('Mac')));
    expect(macs).toEqual([expect.objectContaining({ Sid: 'ProveSurgeRecords', Action: ['kms:GenerateMac', 'kms:VerifyMac'], Resource: { 'Fn::GetAtt': [keyId, 'Arn'] } })]);
  });

  it('never grants ec2:TerminateInstances nor any wildcard action', () => {
    const actions = statements.flatMap(actionsOf);
    expect(actions).not.toContain('ec2:TerminateInstances');
    expect(actions.filter((action) => action === '*' || action.endsWith(':*'))).toEqual([]);
    expect(JSON.stringify(template.toJSON())).not.toContain('ec2:TerminateInstances');
  });

  it('keeps 90 days of logs in its own log group', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('creates the blocked-AMIs parameter with a literal name and no AMI blocked', () => {
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/instance-reaper/blocked-amis', Type: 'StringList', Value: 'none' });
  });

  it('alarms on failed runs and on report errors, into an encrypted topic with the email subscribed', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Namespace: 'AWS/Lambda' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Namespace: 'InstanceReaper' });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: Match.anyValue() } });
  });

  it('draws a freshness dashboard and exports what the CLI needs', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    for (const output of ['FunctionName', 'FunctionArn', 'ScheduleRuleName', 'TopicArn', 'BlockedAmisParameterName']) {
      expect(Object.keys(template.findOutputs('*')).some((key) => key.includes(output))).toBe(true);
    }
  });

  it("outputs the function's name as the one output whose key contains FunctionName, which the README's `aws lambda invoke` reads", () => {
    const [functionId] = Object.keys(template.findResources('AWS::Lambda::Function', { Properties: { Handler: Match.anyValue(), Environment: Match.anyValue() } }));
    const named = Object.entries(template.findOutputs('*')).filter(([key]) => key.includes('FunctionName'));

    expect(named.map(([, output]) => (output as { Value: unknown }).Value)).toEqual([{ Ref: functionId }]);
  });

  it("lists each group's latest freshness from the function's own logs: a Logs Insights table on the dashboard, no metric per group", () => {
    type Part = string | { Ref: string };
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as { Properties: { DashboardBody: { 'Fn::Join': [string, Part[]] } } }[];
    const parts = dashboard?.Properties.DashboardBody['Fn::Join'][1] ?? [];
    const body = JSON.parse(parts.map((part) => (typeof part === 'string' ? part : `<${part.Ref}>`)).join('')) as {
      widgets: { type: string; properties: { query?: string; metrics?: unknown[][] } }[];
    };
    const [logGroupId] = Object.keys(template.findResources('AWS::Logs::LogGroup'));
    const logWidgets = body.widgets.filter((widget) => widget.type === 'log');

    expect(logWidgets).toHaveLength(1);
    expect(logWidgets[0]?.properties.query).toBe(`SOURCE '<${logGroupId}>' | ${GROUP_FRESHNESS_QUERY.join('\n| ')}`);
    const graphed = body.widgets.flatMap((widget) => widget.properties.metrics ?? []);
    expect(graphed.length).toBeGreaterThan(0);
    for (const metric of graphed) expect(metric.slice(2, -1)).toEqual(['service', 'instance-reaper']);
  });

  it('passes the cdk-nag AwsSolutions rules with no unsuppressed finding', () => {
    expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });
});

describe('InstanceReaper props', () => {
  it('names every bad prop at once', () => {
    const stack = new Stack(new App({ context: CDK_CONTEXT }), 'Bad');
    expect(() => new InstanceReaper(stack, 'Reaper', { maxAgeDays: -1, maxTerminationsPerGroup: '0%', maintenanceWindow: 'whenever' })).toThrow(
      /maxAgeDays[\s\S]*maxTerminationsPerGroup[\s\S]*maintenanceWindow/,
    );
  });

  it('subscribes no email unless asked', () => {
    const stack = new Stack(new App({ context: CDK_CONTEXT }), 'Plain');
    new InstanceReaper(stack, 'Reaper', { dryRun: true });
    const plain = Template.fromStack(stack);
    plain.resourceCountIs('AWS::SNS::Subscription', 0);
    plain.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ REAPER_DRY_RUN: 'true' }) } });
    expect(JSON.stringify(plain.toJSON())).not.toContain('REAPER_WINDOW');
  }, 60_000);
});
