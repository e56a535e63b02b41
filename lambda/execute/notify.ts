import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { describeError } from '../util/describe-error';

/** Publishes a summary to the topic. A failed notification is returned, not thrown: the run itself has happened. */
export async function notify(sns: SNSClient, topicArn: string, summary: { subject: string; message: string }): Promise<string | undefined> {
  try {
    await sns.send(new PublishCommand({ TopicArn: topicArn, Subject: summary.subject.slice(0, 99), Message: summary.message }));
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}
