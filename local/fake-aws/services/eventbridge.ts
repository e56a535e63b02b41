import {
  DescribeRule$,
  DisableRule$,
  EnableRule$,
  ListRuleNamesByTarget$,
  PutEvents$,
  type DescribeRuleRequest,
  type DescribeRuleResponse,
  type DisableRuleRequest,
  type ListRuleNamesByTargetRequest,
  type ListRuleNamesByTargetResponse,
} from '@aws-sdk/client-eventbridge';
import type { FakeAccount } from '../account';
import { AwsError } from '../protocol/aws-error';
import { jsonService } from '../protocol/json-service';
import { operation } from '../protocol/service';
import { putEvents } from './eventbridge-put-events';
import { controlPlaneOf } from './reaper-control-plane';

function describeRule(account: FakeAccount, input: DescribeRuleRequest): DescribeRuleResponse {
  const rule = controlPlaneOf(account).rule(input.Name ?? '');
  return { Name: rule.name, Arn: rule.arn, State: rule.state, ScheduleExpression: rule.scheduleExpression, EventBusName: 'default' };
}

const setState = (state: 'ENABLED' | 'DISABLED') => (account: FakeAccount, input: DisableRuleRequest): Record<string, never> => {
  controlPlaneOf(account).rule(input.Name ?? '').state = state;
  return {};
};

function listRuleNamesByTarget(account: FakeAccount, input: ListRuleNamesByTargetRequest): ListRuleNamesByTargetResponse {
  const rules = Object.values(controlPlaneOf(account).state.rules);
  return { RuleNames: rules.filter((rule) => rule.targetArns.includes(input.TargetArn ?? '')).map((rule) => rule.name) };
}

/** EventBridge over JSON 1.1: the schedule rule's state, as `pause`, `resume` and `status` drive it, and PutEvents to the local organization's buses. */
export const eventBridgeService = jsonService({
  signingName: 'events',
  serviceIds: ['EventBridge'],
  jsonVersion: '1.1',
  targetPrefix: 'AWSEvents',
  operations: {
    DescribeRule: operation(DescribeRule$, describeRule),
    EnableRule: operation(EnableRule$, setState('ENABLED')),
    DisableRule: operation(DisableRule$, setState('DISABLED')),
    ListRuleNamesByTarget: operation(ListRuleNamesByTarget$, listRuleNamesByTarget),
    PutEvents: operation(PutEvents$, putEvents),
  },
  throttle: () => new AwsError('ThrottlingException', 'Rate exceeded'),
});
