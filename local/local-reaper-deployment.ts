import type { FakeAccount } from './fake-aws/account';
import { ControlPlane, attachControlPlane } from './fake-aws/services/reaper-control-plane';
import { DEMO } from './demo-fleet';
import { localStateKey } from './local-state-key';

/** The stack `npx cdk deploy` creates without a target. */
export const LOCAL_STACK = 'InstanceReaper';

/**
 * Deploys the reaper into a local account as CloudFormation would: the stack with the construct's
 * outputs (keys as CDK names them), the function with its synthesized environment and reserved
 * concurrency 1, and the schedule rule. References the template leaves as tokens are filled in (the topic, the
 * blocked-AMIs parameter, the surge-state key, which the account creates).
 */
export function deployLocalReaper(account: FakeAccount, environment: Readonly<Record<string, string>>, now: number): ControlPlane {
  const { region, accountId } = account.state;
  const functionName = `${LOCAL_STACK}-ReaperFunctionF52F06D3-LOCAL`;
  const functionArn = `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
  const ruleName = `${LOCAL_STACK}-ReaperSchedule8552055E-LOCAL`;
  const topicArn = `arn:aws:sns:${region}:${accountId}:${LOCAL_STACK}-ReaperNotificationsC54CB930-LOCAL`;
  const plane = new ControlPlane();
  plane.state.functions[functionName] = {
    name: functionName,
    arn: functionArn,
    environment: { ...environment, REAPER_BLOCKED_AMIS_PARAMETER: DEMO.blockedAmisParameter, REAPER_TOPIC_ARN: topicArn, REAPER_STATE_KEY_ARN: localStateKey(account) },
    reservedConcurrency: 1,
    logGroupName: `${LOCAL_STACK}-ReaperLogsB5D2A9E1-LOCAL`,
    memorySize: 1024,
    timeoutSeconds: 300,
  };
  plane.state.rules[ruleName] = {
    name: ruleName,
    arn: `arn:aws:events:${region}:${accountId}:rule/${ruleName}`,
    state: 'ENABLED',
    scheduleExpression: 'rate(15 minutes)',
    targetArns: [functionArn],
  };
  plane.state.stacks[LOCAL_STACK] = {
    name: LOCAL_STACK,
    createdAt: now,
    outputs: {
      ReaperFunctionNameB8E102F1: functionName,
      ReaperFunctionArn03228798: functionArn,
      ReaperScheduleRuleName554655A5: ruleName,
      ReaperTopicArn87DE64A2: topicArn,
      ReaperBlockedAmisParameterName1577E3AF: DEMO.blockedAmisParameter,
    },
  };
  return attachControlPlane(account, plane);
}
