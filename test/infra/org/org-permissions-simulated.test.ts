// @cloud-copilot/iam-simulate is AGPL-3.0-or-later: only tests may import it, never infra/ or lambda/.
import * as path from 'node:path';
import { runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import { RUN_SUMMARY_DETAIL_TYPE, RUN_SUMMARY_SOURCE } from '../../../lambda/report/run-summary';
import { ORG_READER_ROLE_NAME, centralBusArn } from '../../../infra/org/org-names';
import { ENV, resolve, resourceArn, type Json, type PolicyDocument } from '../resolve-template';
import { SERVICE_PREFIX, scanSdkCalls } from '../sdk-calls';
import { synthesizeOrg, type SynthesizedOrg } from './synthesize-org';

/** The CLI's clients besides the function's, by IAM service prefix (Service Authorization Reference). */
const CLI_SERVICE_PREFIX: Record<string, string> = {
  ...SERVICE_PREFIX,
  '@aws-sdk/client-cloudformation': 'cloudformation',
  '@aws-sdk/client-cloudwatch-logs': 'logs',
  '@aws-sdk/client-lambda': 'lambda',
  '@aws-sdk/client-organizations': 'organizations',
  '@aws-sdk/client-sts': 'sts',
};
/** Services the CLI calls with the operator's own credentials (listing accounts, assuming the role), never with the reader role. */
const OPERATOR_SERVICES = ['organizations', 'sts'];
/** An SDK operation authorized by an action of another name ("Actions defined by AWS Lambda": Invoke is lambda:InvokeFunction). */
const ACTION_OF_OPERATION: Record<string, string> = { 'lambda:Invoke': 'lambda:InvokeFunction' };
const isRead = (action: string) => /^[a-z0-9-]+:(Describe|Get|List|Filter|Verify)/.test(action);

const MEMBER = ENV.account;
const OTHER_REGION = 'us-east-1';
const inRegion = (service: string, resource: string) => `arn:aws:${service}:${OTHER_REGION}:${MEMBER}:${resource}`;

/** Each call as the reader role makes it, in a region other than the role's own: the role serves every region of its account. */
const REQUEST_RESOURCE: Record<string, string> = {
  'cloudformation:DescribeStacks': '*',
  'events:ListRuleNamesByTarget': '*',
  'events:DescribeRule': inRegion('events', 'rule/instance-reaper-schedule'),
  'lambda:GetFunctionConfiguration': inRegion('lambda', 'function:instance-reaper'),
  'lambda:GetFunctionConcurrency': inRegion('lambda', 'function:instance-reaper'),
  'logs:FilterLogEvents': inRegion('logs', 'log-group:/aws/lambda/instance-reaper'),
  'ssm:GetParameter': inRegion('ssm', 'parameter/instance-reaper/blocked-amis'),
  'cloudwatch:DescribeAlarms': inRegion('cloudwatch', 'alarm:api-5xx'),
  'ssm:GetParameters': inRegion('ssm', 'parameter/ami/web/latest'),
  'lambda:InvokeFunction': inRegion('lambda', 'function:instance-reaper'),
  'lambda:PutFunctionConcurrency': inRegion('lambda', 'function:instance-reaper'),
  'events:EnableRule': inRegion('events', 'rule/instance-reaper-schedule'),
  'events:DisableRule': inRegion('events', 'rule/instance-reaper-schedule'),
  'ssm:PutParameter': inRegion('ssm', 'parameter/instance-reaper/blocked-amis'),
  'autoscaling:CreateOrUpdateTags': resourceArn.group('web'),
  'autoscaling:DeleteTags': resourceArn.group('web'),
  'autoscaling:TerminateInstanceInAutoScalingGroup': resourceArn.group('web'),
  'autoscaling:SetDesiredCapacity': resourceArn.group('web'),
  'kms:VerifyMac': inRegion('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab'),
  'vpc-lattice:ListTargets': inRegion('vpc-lattice', 'targetgroup/tg-0123456789abcdef0'),
};
/** The member's surge-state key carries its component tag. */
const SURGE_KEY_TAG = { 'aws:ResourceTag/instance-reaper:component': 'surge-state-key' };
const REQUEST_CONTEXT: Record<string, Record<string, string>> = { 'kms:VerifyMac': SURGE_KEY_TAG };
const requestFor = (action: string) => ({ action, resource: REQUEST_RESOURCE[action] ?? '*', context: REQUEST_CONTEXT[action] });

interface Request {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount?: string;
  readonly context?: Record<string, string | string[]>;
}

async function decide(identity: PolicyDocument, request: Request, resourcePolicy?: PolicyDocument): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount ?? MEMBER },
        contextVariables: request.context ?? {},
      },
      identityPolicies: [{ name: 'identity', policy: identity }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy,
    },
    { simulationMode: 'Strict' },
  );
  if (result.resultType === 'error') throw new Error(`${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
  return result.overallResult;
}

const allow = (action: string, resource: string): PolicyDocument => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

let org: SynthesizedOrg;
let reader: { identity: PolicyDocument; trust: PolicyDocument };
/** The member's surge-state key policy: KMS honours an identity policy only where the key policy lets the account's IAM decide. */
let surgeKeyPolicy: PolicyDocument;

beforeAll(() => {
  org = synthesizeOrg();
  const template = org.members.get('production')!;
  const role = Object.values(template.Resources).find((resource) => resource.Type === 'AWS::IAM::Role' && resource.Properties?.RoleName === ORG_READER_ROLE_NAME)!;
  const properties = resolve(template, role.Properties as Json) as unknown as { Policies: { PolicyDocument: PolicyDocument }[]; AssumeRolePolicyDocument: PolicyDocument };
  reader = { identity: properties.Policies[0]!.PolicyDocument, trust: properties.AssumeRolePolicyDocument };
  const key = Object.values(template.Resources).find((resource) => resource.Type === 'AWS::KMS::Key' && resource.Properties?.KeySpec === 'HMAC_256')!;
  surgeKeyPolicy = (resolve(template, key.Properties as Json) as unknown as { KeyPolicy: PolicyDocument }).KeyPolicy;
}, 120_000);

describe('the central bus', () => {
  const MEMBER_FUNCTION_ROLE = 'arn:aws:iam::222222222222:role/reaper-function';
  let bus: string;
  let busPolicy: PolicyDocument;

  beforeAll(() => {
    bus = centralBusArn('aws', org.organization.central.region, org.organization.central.account);
    const [policy] = Object.values(org.central.findResources('AWS::Events::EventBusPolicy')) as { Properties: { Statement: Record<string, Json> } }[];
    busPolicy = { Version: '2012-10-17', Statement: [{ ...policy!.Properties.Statement, Resource: bus }] };
  });

  /** A PutEvents batch: `events:source` and `events:detail-type` carry one value per entry. */
  const send = (orgId: string, sources: string[] = [RUN_SUMMARY_SOURCE], detailTypes: string[] = [RUN_SUMMARY_DETAIL_TYPE]) =>
    decide(
      allow('events:PutEvents', bus),
      {
        principal: MEMBER_FUNCTION_ROLE,
        action: 'events:PutEvents',
        resource: bus,
        resourceAccount: org.organization.central.account,
        context: { 'aws:PrincipalOrgID': orgId, 'events:source': sources, 'events:detail-type': detailTypes },
      },
      busPolicy,
    );

  it("admits a run summary from a principal of the organization, in another account", async () => {
    expect(await send(org.organization.organizationId)).toBe('Allowed');
  });

  it('refuses a principal outside the organization', async () => {
    expect(await send('o-zzzzzzzzzz')).not.toBe('Allowed');
  });

  it('refuses another source, or another detail type, from inside the organization', async () => {
    expect(await send(org.organization.organizationId, ['my-app'])).not.toBe('Allowed');
    expect(await send(org.organization.organizationId, [RUN_SUMMARY_SOURCE], ['Something Else'])).not.toBe('Allowed');
  });

  it('refuses a batch that carries another source beside a summary', async () => {
    expect(await send(org.organization.organizationId, [RUN_SUMMARY_SOURCE, 'my-app'], [RUN_SUMMARY_DETAIL_TYPE, RUN_SUMMARY_DETAIL_TYPE])).not.toBe('Allowed');
  });

  it('refuses a request whose source and detail type are missing or empty (ForAllValues alone would admit it)', async () => {
    expect(await send(org.organization.organizationId, [], [])).not.toBe('Allowed');
    const withoutKeys = { principal: MEMBER_FUNCTION_ROLE, action: 'events:PutEvents', resource: bus, resourceAccount: org.organization.central.account };
    expect(await decide(allow('events:PutEvents', bus), { ...withoutKeys, context: { 'aws:PrincipalOrgID': org.organization.organizationId } }, busPolicy)).not.toBe('Allowed');
  });
});

describe('the reader role', () => {
  const ROLE = `arn:aws:iam::${MEMBER}:role/${ORG_READER_ROLE_NAME}`;
  const calls = [
    ...scanSdkCalls(path.join(__dirname, '../../../cli'), CLI_SERVICE_PREFIX).filter((call) => !OPERATOR_SERVICES.includes(call.action.split(':')[0]!)),
    // plan --org runs the function's own decision: its reads, never its writes (lambda/execute).
    ...scanSdkCalls(path.join(__dirname, '../../../lambda/inventory')),
  ].map((call) => ACTION_OF_OPERATION[call.action] ?? call.action);
  const reads = [...new Set(calls.filter(isRead))].sort();
  const writes = [...new Set([...calls.filter((action) => !isRead(action)), 'autoscaling:TerminateInstanceInAutoScalingGroup', 'autoscaling:SetDesiredCapacity'])].sort();

  it('the scan finds the CLI status reads and its writes', () => {
    expect(reads).toEqual(expect.arrayContaining(['cloudformation:DescribeStacks', 'logs:FilterLogEvents', 'lambda:GetFunctionConfiguration', 'ec2:DescribeInstances']));
    expect(writes).toEqual(expect.arrayContaining(['lambda:InvokeFunction', 'events:DisableRule', 'ssm:PutParameter']));
  });

  it.each(reads)('allows %s, which status --org or plan --org makes', async (action) => {
    expect(await decide(reader.identity, { principal: ROLE, ...requestFor(action) }, action.startsWith('kms:') ? surgeKeyPolicy : undefined)).toBe('Allowed');
  });

  it.each(reads.filter((action) => REQUEST_RESOURCE[action] === undefined))('has a request on "*" for %s only if the action supports no narrower resource', (action) => {
    const granted = reader.identity.Statement as { Action: string | string[]; Resource: string | string[] }[];
    expect(granted.filter((statement) => [statement.Action].flat().includes(action)).flatMap((statement) => [statement.Resource].flat())).toEqual(['*']);
  });

  it.each([inRegion('ssm', 'parameter/ami/web/latest'), `arn:aws:ssm:${OTHER_REGION}::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64`])(
    'allows ssm:GetParameters on %s, an AMI alias DescribeLaunchTemplateVersions resolves with the caller\'s permissions',
    (resource) => {
      // AWS's public parameters have no account in their ARN, which the simulator's input check refuses (see ../simulate.ts).
      const result = runUnsafeSimulation(
        {
          request: { principal: ROLE, action: 'ssm:GetParameters', resource: { resource, accountId: MEMBER }, contextVariables: {} },
          identityPolicies: [{ name: 'identity', policy: reader.identity }],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
        },
        { simulationMode: 'Strict' },
      );
      expect(result).toBe('Allowed');
    },
  );

  it.each(writes)('denies %s', async (action) => {
    expect(await decide(reader.identity, { principal: ROLE, ...requestFor(action) })).not.toBe('Allowed');
  });

  it.each([
    ['another function', 'lambda:GetFunctionConfiguration', inRegion('lambda', 'function:payments')],
    ['another log group', 'logs:FilterLogEvents', inRegion('logs', 'log-group:/aws/lambda/payments')],
    ['another parameter', 'ssm:GetParameter', inRegion('ssm', 'parameter/prod/db/password')],
    ['another rule', 'events:DescribeRule', inRegion('events', 'rule/payments-nightly')],
  ])('denies reading %s', async (_what, action, resource) => {
    expect(await decide(reader.identity, { principal: ROLE, action, resource })).not.toBe('Allowed');
  });

  it.each<[string, Record<string, string>]>([
    ['a key without the reaper\'s component tag', {}],
    ['a key with another component tag', { 'aws:ResourceTag/instance-reaper:component': 'function' }],
  ])('denies kms:VerifyMac with %s', async (_what, context) => {
    expect(await decide(reader.identity, { principal: ROLE, action: 'kms:VerifyMac', resource: REQUEST_RESOURCE['kms:VerifyMac'] ?? '', context }, surgeKeyPolicy)).not.toBe('Allowed');
  });

  it('denies kms:GenerateMac on the surge-state key: the reader can check a proof, never make one', async () => {
    expect(await decide(reader.identity, { principal: ROLE, action: 'kms:GenerateMac', resource: REQUEST_RESOURCE['kms:VerifyMac'] ?? '', context: SURGE_KEY_TAG }, surgeKeyPolicy)).not.toBe('Allowed');
  });

  it('grants those reads and nothing more (ssm:GetParameters for the AMI aliases DescribeLaunchTemplateVersions resolves)', () => {
    const granted = (reader.identity.Statement as { Action: string | string[] }[]).flatMap((statement) => [statement.Action].flat());
    expect([...new Set(granted)].sort()).toEqual([...reads, 'ssm:GetParameters'].sort());
  });

  it('may be assumed from the central account, and from no other', async () => {
    const assume = (account: string) =>
      decide(allow('sts:AssumeRole', ROLE), { principal: `arn:aws:iam::${account}:role/operator`, action: 'sts:AssumeRole', resource: ROLE }, reader.trust);
    expect(await assume(org.organization.central.account)).toBe('Allowed');
    expect(await assume('999999999999')).not.toBe('Allowed');
  });
});
