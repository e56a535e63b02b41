import * as path from 'node:path';
import { ENV, only, resolve, resourceArn, type PolicyDocument } from './resolve-template';
import { scanSdkCalls } from './sdk-calls';
import { decide, type Policies, type Request } from './simulate';
import { synthesize } from './synthesize';

const EXEMPT = 'aws:ResourceTag/instance-reaper:exempt';
const SURGE_STATE = 'instance-reaper:surge-state';
const SURGE_PROOF = 'instance-reaper:surge-proof';
const BLOCKED_AMIS = resourceArn.accountParameter('/instance-reaper/blocked-amis');
const WEB = resourceArn.group('web');
/** A VPC Lattice target group of this account, in the documented format arn:PARTITION:vpc-lattice:REGION:ACCOUNT:targetgroup/ID. */
const latticeTargetGroup = (account: string = ENV.account) => `arn:${ENV.partition}:vpc-lattice:${ENV.region}:${account}:targetgroup/tg-0123456789abcdef0`;

let policies: Policies;
let topicArn: string;
/** The surge-state HMAC key, its key policy (resolved), and the function role's ARN as that policy names it. */
let stateKey: { arn: string; policy: PolicyDocument; functionRole: string };

beforeAll(() => {
  const { template, rolePolicies } = synthesize();
  topicArn = resourceArn.topic(only(template, 'AWS::SNS::Topic').id);
  policies = { identity: rolePolicies };
  const [keyId, key] = Object.entries(template.Resources).find(([, resource]) => resource.Type === 'AWS::KMS::Key' && resource.Properties?.KeySpec === 'HMAC_256') ?? [];
  if (!keyId || !key) throw new Error('no HMAC key in the template');
  stateKey = { arn: resourceArn.key(keyId), policy: resolve(template, key.Properties!.KeyPolicy!) as unknown as PolicyDocument, functionRole: resourceArn.role(only(template, 'AWS::IAM::Role').id) };
}, 120_000);

/** Every call the function makes, as the request IAM sees: Describe calls that support no resource-level permissions are on '*'. */
const READS: Request[] = [
  { action: 'autoscaling:DescribeAutoScalingGroups', resource: '*' },
  { action: 'autoscaling:DescribeLaunchConfigurations', resource: '*' },
  { action: 'autoscaling:DescribeInstanceRefreshes', resource: '*' },
  { action: 'autoscaling:DescribeScalingActivities', resource: '*' },
  { action: 'autoscaling:DescribeWarmPool', resource: '*' },
  { action: 'ec2:DescribeAvailabilityZones', resource: '*' },
  { action: 'ec2:DescribeInstances', resource: '*' },
  { action: 'ec2:DescribeImages', resource: '*' },
  { action: 'ec2:DescribeInstanceImageMetadata', resource: '*' },
  { action: 'ec2:DescribeLaunchTemplateVersions', resource: '*' },
  { action: 'cloudwatch:DescribeAlarms', resource: resourceArn.alarm('api-5xx') },
  { action: 'elasticloadbalancing:DescribeTargetHealth', resource: '*' },
  { action: 'elasticloadbalancing:DescribeInstanceHealth', resource: '*' },
  // ListTargets requires the TargetGroup resource ("Actions, resources, and condition keys for Amazon VPC Lattice").
  { action: 'vpc-lattice:ListTargets', resource: latticeTargetGroup() },
  { action: 'ssm:GetParameter', resource: BLOCKED_AMIS },
  // DescribeLaunchTemplateVersions with ResolveAlias=true reads resolve:ssm: parameters with the caller's permissions:
  // AWS's public AMI parameters (no account in their ARN) and, by default, this account's under /ami/.
  { action: 'ssm:GetParameters', resource: resourceArn.publicParameter('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64') },
  { action: 'ssm:GetParameters', resource: resourceArn.publicParameter('/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id') },
  { action: 'ssm:GetParameters', resource: resourceArn.accountParameter('/ami/web/latest') },
];
/**
 * Permissions calls need besides their own action: sns:Publish to an encrypted topic needs the topic key
 * (see notification-topic.test.ts). ssm:GetParameters, for ResolveAlias, is among the READS.
 */
const DEPENDENCIES = ['kms:Decrypt', 'kms:GenerateDataKey*'];
const WRITES = ['autoscaling:TerminateInstanceInAutoScalingGroup', 'autoscaling:SetDesiredCapacity', 'autoscaling:CreateOrUpdateTags', 'autoscaling:DeleteTags'];
const TAG_WRITES = new Set(['autoscaling:CreateOrUpdateTags', 'autoscaling:DeleteTags']);

/** A write as the function sends it: tag writes carry the surge-state key and its proof's, together. */
const write = (action: string, context: Record<string, string | string[]> = {}): Request => ({
  action,
  resource: WEB,
  context: TAG_WRITES.has(action) ? { 'aws:TagKeys': [SURGE_STATE, SURGE_PROOF], ...context } : context,
});
/** What the function asks KMS for: the proof of its surge records, made and checked. */
const PROOF_CALLS = ['kms:GenerateMac', 'kms:VerifyMac'];

describe('the function role, evaluated as IAM would on real-format ARNs', () => {
  it.each(READS)('allows $action on $resource', async (request) => {
    expect(await decide(policies, request)).toBe('Allowed');
  });

  it('allows publishing to the notification topic', async () => {
    expect(await decide(policies, { action: 'sns:Publish', resource: topicArn })).toBe('Allowed');
  });

  it.each(WRITES)('allows %s on a group with no exempt tag', async (action) => {
    expect(await decide(policies, write(action))).toBe('Allowed');
  });

  it.each(WRITES)('allows %s on a group tagged exempt=false', async (action) => {
    expect(await decide(policies, write(action, { [EXEMPT]: 'false' }))).toBe('Allowed');
  });

  it.each(WRITES.flatMap((action) => ['true', 'TRUE', 'True'].map((value) => [action, value])))('denies %s on a group tagged exempt=%s', async (action, value) => {
    expect(await decide(policies, write(action, { [EXEMPT]: value }))).not.toBe('Allowed');
  });

  it.each([...TAG_WRITES].flatMap((action) => [['instance-reaper:exempt'], ['Name'], [SURGE_STATE, 'instance-reaper:exempt'], [SURGE_STATE, 'Name'], [SURGE_PROOF, 'Name']].map((keys) => [action, keys] as const)))(
    'denies %s with tag keys %j',
    async (action, keys) => {
      expect(await decide(policies, { action, resource: WEB, context: { 'aws:TagKeys': keys } })).not.toBe('Allowed');
    },
  );

  // "Multivalued context key examples" (IAM User Guide): ForAllValues is also true when the key is missing or empty.
  it.each([...TAG_WRITES])('denies %s when the request carries no tag keys at all', async (action) => {
    expect(await decide(policies, { action, resource: WEB, context: { 'aws:TagKeys': [] } })).not.toBe('Allowed');
    expect(await decide(policies, { action, resource: WEB })).not.toBe('Allowed');
  });

  it.each<Request>([
    { action: 'ec2:TerminateInstances', resource: resourceArn.instance('i-0123456789abcdef0') },
    { action: 'ec2:StopInstances', resource: resourceArn.instance('i-0123456789abcdef0') },
    { action: 'ec2:CreateTags', resource: resourceArn.instance('i-0123456789abcdef0') },
    { action: 'autoscaling:UpdateAutoScalingGroup', resource: WEB },
    { action: 'autoscaling:DetachInstances', resource: WEB },
    { action: 'autoscaling:SetInstanceProtection', resource: WEB },
    { action: 'autoscaling:DeleteAutoScalingGroup', resource: WEB },
    { action: 'autoscaling:SuspendProcesses', resource: WEB },
    { action: 'autoscaling:StartInstanceRefresh', resource: WEB },
    { action: 'autoscaling:CompleteLifecycleAction', resource: WEB },
    { action: 'ssm:PutParameter', resource: BLOCKED_AMIS },
    { action: 'ssm:GetParameter', resource: resourceArn.accountParameter('/prod/db/password') },
    { action: 'ssm:GetParameters', resource: resourceArn.accountParameter('/prod/db/password') },
    { action: 'ssm:GetParameters', resource: resourceArn.accountParameter('/instance-reaper/blocked-amis') },
    { action: 'sns:Publish', resource: resourceArn.topic('SomeoneElsesTopic') },
    { action: 'iam:PassRole', resource: resourceArn.role('admin') },
    { action: 'cloudwatch:PutMetricAlarm', resource: resourceArn.alarm('api-5xx') },
    { action: 'cloudwatch:DisableAlarmActions', resource: resourceArn.alarm('api-5xx') },
    { action: 'vpc-lattice:ListTargets', resource: latticeTargetGroup('999999999999') },
    { action: 'vpc-lattice:DeregisterTargets', resource: latticeTargetGroup() },
    { action: 'vpc-lattice:RegisterTargets', resource: latticeTargetGroup() },
    { action: 'vpc-lattice:GetTargetGroup', resource: latticeTargetGroup() },
  ])('denies $action on $resource, which the function never needs', async (request) => {
    expect(await decide(policies, request)).not.toBe('Allowed');
  });
});

describe('the surge-state key: only the function can prove it wrote a record', () => {
  const withKeyPolicy = (identity: Policies['identity']): Policies => ({ identity, resource: stateKey.policy });
  /** Someone who may do anything in KMS, on every key, through an identity policy: say, a group owner with broad rights. */
  const KMS_ADMIN = [{ name: 'kms-everything', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] } }];

  it.each(PROOF_CALLS)('lets the function role call %s on the key (its identity policy and the key policy)', async (action) => {
    expect(await decide(withKeyPolicy(policies.identity), { action, resource: stateKey.arn, principal: stateKey.functionRole })).toBe('Allowed');
  });

  it.each([
    ['another role allowed kms:* on * by its identity policy', resourceArn.role('group-owner')],
    ["the account's root user", `arn:${ENV.partition}:iam::${ENV.account}:root`],
    ['the function role of another stack in the account', resourceArn.role('instance-reaper-function')],
  ])('denies GenerateMac on the key to %s, explicitly, by the key policy', async (_title, principal) => {
    expect(await decide(withKeyPolicy(KMS_ADMIN), { action: 'kms:GenerateMac', resource: stateKey.arn, principal })).toBe('ExplicitlyDenied');
  });

  it('lets such a role verify a proof (which proves nothing by itself) and administer the key as the account may', async () => {
    const principal = resourceArn.role('group-owner');
    expect(await decide(withKeyPolicy(KMS_ADMIN), { action: 'kms:VerifyMac', resource: stateKey.arn, principal })).toBe('Allowed');
    expect(await decide(withKeyPolicy(KMS_ADMIN), { action: 'kms:PutKeyPolicy', resource: stateKey.arn, principal })).toBe('Allowed');
  });

  it.each(PROOF_CALLS)('denies the function role %s on any other key', async (action) => {
    expect(await decide(policies, { action, resource: resourceArn.key('SomeoneElsesKey'), principal: stateKey.functionRole })).not.toBe('Allowed');
  });

  it.each(['kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:ScheduleKeyDeletion', 'kms:DisableKey'])('denies the function role %s on its key', async (action) => {
    expect(await decide(withKeyPolicy(policies.identity), { action, resource: stateKey.arn, principal: stateKey.functionRole })).not.toBe('Allowed');
  });
});

describe('with a central bus: the run summary', () => {
  const bus = 'arn:aws:events:eu-west-1:999999999999:event-bus/instance-reaper-central';
  let withBus: Policies;

  beforeAll(() => {
    withBus = { identity: synthesize({ centralEventBusArn: bus }).rolePolicies };
  }, 120_000);

  it('may be sent to that bus, in another account and region', async () => {
    expect(await decide(withBus, { action: 'events:PutEvents', resource: bus })).toBe('Allowed');
  });

  it.each([
    'arn:aws:events:eu-west-1:999999999999:event-bus/default',
    'arn:aws:events:eu-west-1:888888888888:event-bus/instance-reaper-central',
    resourceArn.eventBus('default'),
  ])('may not be sent to %s', async (other) => {
    expect(await decide(withBus, { action: 'events:PutEvents', resource: other })).not.toBe('Allowed');
  });

  it('may not be sent anywhere without one', async () => {
    expect(await decide(policies, { action: 'events:PutEvents', resource: bus })).not.toBe('Allowed');
  });
});

describe('the calls the function makes', () => {
  const scanned = scanSdkCalls(path.join(__dirname, '../../lambda'));
  /** Granted only when configured: the summary to the central bus, tested above. */
  const CONFIGURED = ['events:PutEvents'];
  const known = new Set([...READS.map((request) => request.action), 'sns:Publish', ...WRITES, ...PROOF_CALLS, ...CONFIGURED]);

  it('are found in the sources (the scan reads them)', () => {
    expect(scanned.map((call) => call.action)).toEqual(expect.arrayContaining(['autoscaling:DescribeAutoScalingGroups', 'ec2:DescribeInstances', 'autoscaling:TerminateInstanceInAutoScalingGroup', 'sns:Publish']));
  });

  it('are all in the list the role is checked against, so a new call fails here until it is granted and listed', () => {
    expect(scanned.filter((call) => !known.has(call.action))).toEqual([]);
  });

  it('are all the role grants (plus what they depend on): no action beyond them', () => {
    const granted = policies.identity.flatMap(({ policy }) =>
      (policy.Statement as { Effect: string; Action: string | string[] }[]).filter((statement) => statement.Effect === 'Allow').flatMap((statement) => statement.Action),
    );
    expect([...new Set(granted)].sort()).toEqual([...known, ...DEPENDENCIES].filter((action) => !CONFIGURED.includes(action)).sort());
  });
});
