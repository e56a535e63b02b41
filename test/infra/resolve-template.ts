/**
 * Turns a synthesized template's policies into the concrete JSON IAM would evaluate after deployment,
 * in one fixed environment: partition aws, region eu-west-1, account 123456789012.
 */

export const ENV = { partition: 'aws', region: 'eu-west-1', account: '123456789012' } as const;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, Json>;
}

export interface SynthesizedTemplate {
  readonly Resources: Record<string, Resource>;
}

const PSEUDO: Record<string, string> = {
  'AWS::Partition': ENV.partition,
  'AWS::Region': ENV.region,
  'AWS::AccountId': ENV.account,
  'AWS::URLSuffix': 'amazonaws.com',
};

const arn = (service: string, resource: string, account: string = ENV.account) => `arn:${ENV.partition}:${service}:${ENV.region}:${account}:${resource}`;

/** A stable, real-format KMS key ID per logical ID, so tests can name the key a request is made with. */
const keyId = (logicalId: string) => `1234abcd-12ab-34cd-56ef-${logicalId.replace(/[^0-9a-f]/gi, '').toLowerCase().padEnd(12, '0').slice(0, 12)}`;

/** What `Ref` returns for the resource types this stack's policies refer to (CloudFormation resource reference, return values). */
function ref(template: SynthesizedTemplate, logicalId: string): string {
  if (logicalId in PSEUDO) return PSEUDO[logicalId]!;
  const resource = template.Resources[logicalId];
  if (!resource) throw new Error(`Ref to unknown logical ID ${logicalId}`);
  switch (resource.Type) {
    case 'AWS::SNS::Topic':
      return arn('sns', logicalId);
    case 'AWS::SSM::Parameter': {
      const name = resource.Properties?.Name;
      if (typeof name !== 'string') throw new Error(`Parameter ${logicalId} has no literal Name`);
      return name;
    }
    case 'AWS::KMS::Key':
      return keyId(logicalId);
    default:
      throw new Error(`No Ref value for ${resource.Type} (${logicalId})`);
  }
}

function getAtt(template: SynthesizedTemplate, logicalId: string, attribute: string): string {
  const resource = template.Resources[logicalId];
  if (!resource) throw new Error(`Fn::GetAtt on unknown logical ID ${logicalId}`);
  if (resource.Type === 'AWS::KMS::Key' && attribute === 'Arn') return arn('kms', `key/${keyId(logicalId)}`);
  if (resource.Type === 'AWS::CloudWatch::Alarm' && attribute === 'Arn') return arn('cloudwatch', `alarm:${logicalId}`);
  if (resource.Type === 'AWS::Lambda::Function' && attribute === 'Arn') return arn('lambda', `function:${logicalId}`);
  if (resource.Type === 'AWS::IAM::Role' && attribute === 'Arn') return `arn:${ENV.partition}:iam::${ENV.account}:role/${logicalId}`;
  throw new Error(`No Fn::GetAtt ${attribute} for ${resource.Type} (${logicalId})`);
}

function asString(value: Json): string {
  if (typeof value !== 'string') throw new Error(`Fn::Join part is not a string: ${JSON.stringify(value)}`);
  return value;
}

/** Resolves Ref, Fn::GetAtt and Fn::Join everywhere in `value`; anything else it cannot resolve is an error, never a guess. */
export function resolve(template: SynthesizedTemplate, value: Json): Json {
  if (Array.isArray(value)) return value.map((item) => resolve(template, item));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0]!.startsWith('Fn::') || keys[0] === 'Ref')) {
    const [intrinsic] = keys as [string];
    const argument = value[intrinsic]!;
    if (intrinsic === 'Ref' && typeof argument === 'string') return ref(template, argument);
    if (intrinsic === 'Fn::GetAtt' && Array.isArray(argument) && typeof argument[0] === 'string' && typeof argument[1] === 'string') {
      return getAtt(template, argument[0], argument[1]);
    }
    if (intrinsic === 'Fn::Join' && Array.isArray(argument)) {
      const [separator, parts] = argument as [string, Json[]];
      return parts.map((part) => asString(resolve(template, part))).join(separator);
    }
    throw new Error(`Unresolved intrinsic ${intrinsic}: ${JSON.stringify(argument)}`);
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(template, item)]));
}

export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: Json[];
}

/** Every identity policy attached to the role (inline AWS::IAM::Policy resources naming it), resolved. */
export function rolePolicies(template: SynthesizedTemplate, roleLogicalId: string): { name: string; policy: PolicyDocument }[] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::IAM::Policy')
    .filter(([, resource]) => JSON.stringify(resource.Properties?.Roles ?? []).includes(`"${roleLogicalId}"`))
    .map(([id, resource]) => ({ name: id, policy: resolve(template, resource.Properties!.PolicyDocument!) as unknown as PolicyDocument }));
}

/** The single resource of a type, with its logical ID. */
export function only(template: SynthesizedTemplate, type: string): { id: string; resource: Resource } {
  const found = Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
  if (found.length !== 1) throw new Error(`Expected one ${type}, found ${found.length}`);
  const [id, resource] = found[0]!;
  return { id, resource };
}

/** Concrete ARNs of the stack's resources, as the resolved policies name them. */
export const resourceArn = {
  topic: (logicalId: string) => arn('sns', logicalId),
  key: (logicalId: string) => arn('kms', `key/${keyId(logicalId)}`),
  accountParameter: (name: string) => arn('ssm', `parameter/${name.replace(/^\//, '')}`),
  publicParameter: (name: string) => arn('ssm', `parameter/${name.replace(/^\//, '')}`, ''),
  alarm: (name: string) => arn('cloudwatch', `alarm:${name}`),
  group: (name: string) => arn('autoscaling', `autoScalingGroup:8e2e3a1f-1234-4d9e-9e43-1f0e2a2b7c3d:autoScalingGroupName/${name}`),
  instance: (id: string) => arn('ec2', `instance/${id}`),
  role: (name: string) => `arn:${ENV.partition}:iam::${ENV.account}:role/${name}`,
  eventBus: (name: string) => arn('events', `event-bus/${name}`),
} as const;
