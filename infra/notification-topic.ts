import { Aws, aws_iam as iam, aws_kms as kms, aws_sns as sns, aws_sns_subscriptions as subscriptions } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

export interface NotificationTopic {
  readonly topic: sns.Topic;
  /** Encrypts the topic; a customer managed key, so its policy can let the services that publish use it. */
  readonly key: kms.Key;
}

/** AWS services that publish to the topic: CloudWatch alarm actions, and EventBridge rules that target it. */
const PUBLISHERS = ['cloudwatch.amazonaws.com', 'events.amazonaws.com'];

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
    description: 'instance-reaper: encrypts the notification topic; CloudWatch alarms and EventBridge rules of this account may use it to publish.',
    enableKeyRotation: true,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowAlarmsAndRulesOfThisAccountToPublish',
      principals: PUBLISHERS.map((service) => new iam.ServicePrincipal(service)),
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: THIS_ACCOUNT,
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
