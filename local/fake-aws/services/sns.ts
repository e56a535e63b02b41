import { Publish$, type PublishInput, type PublishResponse } from '@aws-sdk/client-sns';
import type { FakeAccount } from '../account';
import { accessDenied } from '../protocol/access-denied';
import { AwsError } from '../protocol/aws-error';
import { queryService } from '../protocol/query-service';
import { operation } from '../protocol/service';
import { nextUuid } from '../world';

/** Every topic exists: messages are recorded on the account (`account.published`). */
function publish(account: FakeAccount, input: PublishInput): PublishResponse {
  const topicArn = input.TopicArn ?? input.TargetArn ?? '';
  if (!topicArn) throw new AwsError('InvalidParameter', 'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter');
  if (!input.Message) throw new AwsError('InvalidParameter', 'Invalid parameter: Message Reason: Empty message');
  const messageId = nextUuid(account.state);
  account.state.published.push({ messageId, topicArn, message: input.Message, at: account.now(), ...(input.Subject ? { subject: input.Subject } : {}) });
  return { MessageId: messageId };
}

/** SNS over awsQuery; it throttles with HTTP 429 `Throttled`. */
export const snsService = queryService({
  signingName: 'sns',
  serviceIds: ['SNS'],
  ec2: false,
  xmlns: 'http://sns.amazonaws.com/doc/2010-03-31/',
  operations: { Publish: operation(Publish$, publish) },
  throttle: () => new AwsError('Throttled', 'Rate exceeded', 429),
  accessDenied: accessDenied.sns,
});
