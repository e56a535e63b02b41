import { Aws, aws_iam as iam, aws_kms as kms, aws_sns as sns, aws_sns_subscriptions as subscriptions } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

export interface NotificationTopic {
  readonly topic: sns.Topic;
  /** Encrypts the topic; a customer managed key, so its policy can let the services that publish use it. */
  readonly key: kms.Key;
}

/** What a service needs of the key to publish to the encrypted topic, and no more. */
const DELIVERY = ['kms:Decrypt', 'kms:GenerateDataKey*'];

/** Only on behalf of resources in this account: the confused deputy guard ("The confused deputy problem", IAM User Guide). */
const THIS_ACCOUNT = { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } };

/**
 * The topic runs, failures and alarms are reported to, encrypted with a key every publisher can use.
 *
 * The AWS managed key alias/aws/sns cannot be used: its policy cannot be changed, and a service that publishes to an
 * encrypted topic needs kms:GenerateDataKey* and kms:Decrypt on the key ("Enable compatibility between event sources
 * from AWS services and encrypted topics", Amazon SNS Developer Guide). With enforceSSL the construct writes an
 * AWS::SNS::TopicPolicy, which replaces the topic's default policy, so CloudWatch must be allowed to publish in it.
 */
export function createNotificationTopic(scope: Construct, notificationEmail?: string): NotificationTopic {
  const key = new kms.Key(scope, 'NotificationsKey', {
    description: 'instance-reaper: encrypts the notification topic; CloudWatch alarms of this account and EventBridge rules (which may publish only for this account) may use it to publish.',
    enableKeyRotation: true,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowAlarmsOfThisAccountToPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: DELIVERY,
      resources: ['*'],
      conditions: THIS_ACCOUNT,
    }),
  );
  // EventBridge: aws:SourceAccount, aws:SourceArn and aws:SourceOrgID in a key policy are not supported for
  // EventBridge-to-encrypted-topic delivery ("Enable compatibility between event sources from AWS services and encrypted
  // topics", Amazon SNS Developer Guide, sns-key-management.html#compatibility-with-aws-services), so a conditioned
  // statement would make every rule pointed at the topic deliver nothing. Of the two documented ways, an unconditioned
  // key statement rather than a target role holding the KMS grant ("Amazon SNS topic target", EventBridge User Guide:
  // the role needs kms:GenerateDataKey and kms:Decrypt): the construct points no rule at the topic itself (the schedule
  // targets the function, alarms publish through CloudWatch, failed invocations through the function's role), and the
  // rules operators point at it are theirs, made without a role of ours. It only lets EventBridge make data keys for
  // the topic's messages; who may publish stays guarded by the topic policy, under aws:SourceAccount.
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowRulesToDeliver',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: DELIVERY,
      resources: ['*'],
    }),
  );

  // The construct ID is the topic's from before it had its own key: changing the key updates the topic in place.
  const topic = new sns.Topic(scope, 'Notifications', { displayName: 'instance-reaper', masterKey: key, enforceSSL: true });
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowAlarmsOfThisAccountToPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { ...THIS_ACCOUNT, ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` } },
    }),
  );
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowRulesOfThisAccountToPublish',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: THIS_ACCOUNT,
    }),
  );
  if (notificationEmail) topic.addSubscription(new subscriptions.EmailSubscription(notificationEmail));
  return { topic, key };
}
