import { Match, Template } from 'aws-cdk-lib/assertions';
import { only, resolve, resourceArn, type PolicyDocument, type SynthesizedTemplate } from './resolve-template';
import { decide, type Policies } from './simulate';
import { synthesize } from './synthesize';

const ACCOUNT = '123456789012';
const OTHER_ACCOUNT = '999999999999';
const ALARM = resourceArn.alarm('instance-reaper-run-failed');
const RULE = 'arn:aws:events:eu-west-1:123456789012:rule/asg-launch-failed';
const TLS = { 'aws:SecureTransport': 'true' };

/** The key the topic is encrypted with: the stack holds another, the HMAC key of the surge records. */
function topicKey(template: SynthesizedTemplate): { id: string; resource: SynthesizedTemplate['Resources'][string] } {
  const reference = only(template, 'AWS::SNS::Topic').resource.Properties?.KmsMasterKeyId as { 'Fn::GetAtt': [string, string] };
  const id = reference['Fn::GetAtt'][0];
  return { id, resource: template.Resources[id]! };
}

let template: SynthesizedTemplate;
let assertions: Template;
let topicArn: string;
let keyArn: string;
let topicPolicy: PolicyDocument;
let keyPolicy: PolicyDocument;
let role: Policies['identity'];

beforeAll(() => {
  const synthesized = synthesize({ notificationEmail: 'oncall@example.com' });
  template = synthesized.template;
  assertions = Template.fromJSON(template);
  role = synthesized.rolePolicies;
  const topic = only(template, 'AWS::SNS::Topic');
  const key = topicKey(template);
  topicArn = resourceArn.topic(topic.id);
  keyArn = resourceArn.key(key.id);
  topicPolicy = resolve(template, only(template, 'AWS::SNS::TopicPolicy').resource.Properties!.PolicyDocument!) as unknown as PolicyDocument;
  keyPolicy = resolve(template, key.resource.Properties!.KeyPolicy!) as unknown as PolicyDocument;
}, 120_000);

describe('the notification topic, as synthesized', () => {
  it('is encrypted with its own customer managed key, rotated yearly, not with alias/aws/sns', () => {
    const key = topicKey(template).id;
    assertions.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    assertions.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] } });
    expect(JSON.stringify(template)).not.toContain('alias/aws/sns');
  });

  it('lets CloudWatch use the key only for alarms of this account', () => {
    assertions.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
  });

  it('lets EventBridge use the key for delivery with no condition, which its requests to KMS could not meet, and nothing more', () => {
    const statements = (keyPolicy.Statement as { Principal?: { Service?: string | string[] }; Action?: string | string[]; Condition?: unknown }[]).filter(
      (statement) => [statement.Principal?.Service].flat().includes('events.amazonaws.com'),
    );
    expect(statements).toEqual([expect.objectContaining({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' })]);
    expect(statements[0]).not.toHaveProperty('Condition');
  });

  it('lets alarms and rules of this account publish, and keeps refusing publishes without TLS', () => {
    assertions.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': Match.anyValue() } },
          }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } }),
        ]),
      },
    });
  });

  it('gives the function role sns:Publish on the topic and the key permissions to encrypt for it', () => {
    const key = topicKey(template).id;
    assertions.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: only(template, 'AWS::SNS::Topic').id } }),
          Match.objectLike({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: { 'Fn::GetAtt': [key, 'Arn'] } }),
        ]),
      },
    });
  });
});

describe('every notification path, evaluated as IAM would', () => {
  const publish = (principal: string, context: Record<string, string>) => decide({ identity: [], resource: topicPolicy }, { principal, action: 'sns:Publish', resource: topicArn, context: { ...TLS, ...context } });
  const useKey = (principal: string, action: string, context: Record<string, string>) => decide({ identity: [], resource: keyPolicy }, { principal, action, resource: keyArn, context });

  it('CloudWatch may publish an alarm of this account, and encrypt it with the key', async () => {
    expect(await publish('cloudwatch.amazonaws.com', { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': ALARM })).toBe('Allowed');
    expect(await useKey('cloudwatch.amazonaws.com', 'kms:GenerateDataKey', { 'aws:SourceAccount': ACCOUNT })).toBe('Allowed');
    expect(await useKey('cloudwatch.amazonaws.com', 'kms:Decrypt', { 'aws:SourceAccount': ACCOUNT })).toBe('Allowed');
  });

  it('EventBridge may publish for a rule of this account', async () => {
    expect(await publish('events.amazonaws.com', { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': RULE })).toBe('Allowed');
  });

  // EventBridge's requests to KMS for a rule's delivery to an encrypted topic carry no aws:SourceAccount (AWS-NOTES).
  it.each(['kms:GenerateDataKey', 'kms:Decrypt'])('EventBridge may call %s on the key as it does when a rule delivers, with no aws:SourceAccount', async (action) => {
    expect(await useKey('events.amazonaws.com', action, {})).toBe('Allowed');
  });

  it.each(['kms:Encrypt', 'kms:ReEncryptFrom', 'kms:CreateGrant', 'kms:DescribeKey'])('EventBridge may not call %s on the key: delivery needs none of it', async (action) => {
    expect(await useKey('events.amazonaws.com', action, {})).not.toBe('Allowed');
  });

  it.each(['cloudwatch.amazonaws.com', 'events.amazonaws.com'])('%s may not publish for another account (confused deputy)', async (service) => {
    expect(await publish(service, { 'aws:SourceAccount': OTHER_ACCOUNT, 'aws:SourceArn': ALARM.replace(ACCOUNT, OTHER_ACCOUNT) })).not.toBe('Allowed');
  });

  it('CloudWatch may not use the key for another account (confused deputy)', async () => {
    expect(await useKey('cloudwatch.amazonaws.com', 'kms:GenerateDataKey', { 'aws:SourceAccount': OTHER_ACCOUNT })).not.toBe('Allowed');
  });

  it('the function (its reports, and Lambda delivering a failed invocation) may publish over TLS and encrypt with the key', async () => {
    expect(await decide({ identity: role, resource: topicPolicy }, { action: 'sns:Publish', resource: topicArn, context: TLS })).toBe('Allowed');
    expect(await decide({ identity: role, resource: keyPolicy }, { action: 'kms:GenerateDataKey', resource: keyArn })).toBe('Allowed');
    expect(await decide({ identity: role, resource: keyPolicy }, { action: 'kms:Decrypt', resource: keyArn })).toBe('Allowed');
  });

  it('no one may publish without TLS', async () => {
    expect(await decide({ identity: role, resource: topicPolicy }, { action: 'sns:Publish', resource: topicArn, context: { 'aws:SecureTransport': 'false' } })).toBe('ExplicitlyDenied');
    expect(await publish('cloudwatch.amazonaws.com', { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': ALARM, 'aws:SecureTransport': 'false' })).toBe('ExplicitlyDenied');
  });
});
