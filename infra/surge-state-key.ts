import { Tags, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { TAG } from '../lambda/policy/tag-keys';

/** The `instance-reaper:component` tag value of the key: the organization's reader role may verify with keys so tagged. */
export const SURGE_STATE_KEY_COMPONENT = 'surge-state-key';

/**
 * The key the function proves it wrote its surge-state records with: an HMAC key (KeySpec HMAC_256, KeyUsage
 * GENERATE_VERIFY_MAC, "HMAC keys in AWS KMS"), so the function computes the proof with GenerateMac and checks it
 * with VerifyMac, and the secret never leaves KMS.
 *
 * Only the function's role may produce a MAC: the key policy denies kms:GenerateMac to every other principal. An
 * explicit deny wins over any allow, in an identity policy, the key policy or a grant ("No AWS principal ... has any
 * permissions to a KMS key unless they are explicitly allowed, and never denied, in a key policy, IAM policy, or grant",
 * "Key policies in AWS KMS"), so no one who may tag a group can sign a record, whatever else they may do in KMS. For a
 * role, aws:PrincipalArn is the role's ARN, whichever session calls ("AWS global condition context keys"); a principal
 * without it (a service) matches ArnNotEquals and is denied too. VerifyMac stays open to whom IAM allows: it proves
 * nothing by itself.
 *
 * The rest of the policy is CDK's default, which lets the account administer the key through IAM. An administrator who
 * rewrites the key policy (or the function's code or role) can do anything the function can: that is outside this threat
 * model, which is a principal that may tag groups.
 *
 * Automatic rotation does not apply: "You cannot enable automatic rotation of asymmetric KMS keys, HMAC KMS keys, ..."
 * (EnableKeyRotation, AWS KMS API Reference); CDK refuses it, and cdk-nag's AwsSolutions-KMS5 checks symmetric keys only.
 * The key costs what any customer managed key does ("AWS KMS pricing"), plus a request per surge written or verified.
 */
export function createSurgeStateKey(scope: Construct, role: iam.IRole): kms.Key {
  const key = new kms.Key(scope, 'SurgeStateKey', {
    description: "instance-reaper: proves the function wrote its surge-state records (GenerateMac is its role's alone)",
    keySpec: kms.KeySpec.HMAC_256,
    keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'OnlyTheFunctionMayProveSurgeRecords',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:GenerateMac'],
      resources: ['*'],
      conditions: { ArnNotEquals: { 'aws:PrincipalArn': role.roleArn } },
    }),
  );
  Tags.of(key).add(TAG.component, SURGE_STATE_KEY_COMPONENT);
  return key;
}
