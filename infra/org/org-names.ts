/**
 * Names the organization deployment, the CLI's `--org` commands and the local organization share: each lives here
 * and only here.
 */

/** The read-only role the StackSet creates in every member account; the CLI assumes it for `status --org` and `plan --org`. */
export const ORG_READER_ROLE_NAME = 'InstanceReaperOrgReader';

/** The event bus in the central account that receives every account's run summaries. */
export const CENTRAL_BUS_NAME = 'instance-reaper-central';

/**
 * The log group the central bus's rule stores run summaries in. The name starts with `/aws/events/` because
 * EventBridge's CloudWatch Logs targets expect log groups under that prefix (AWS Knowledge Center, "add an Amazon
 * CloudWatch log group as a target to an Amazon EventBridge rule": "the log group that you use as a target for the
 * EventBridge rule starts with /aws/events").
 */
export const CENTRAL_LOG_GROUP_NAME = '/aws/events/instance-reaper-central';

/** The central bus's ARN, the value member stacks give the reaper as `centralEventBusArn`. */
export function centralBusArn(partition: string, region: string, account: string): string {
  return `arn:${partition}:events:${region}:${account}:event-bus/${CENTRAL_BUS_NAME}`;
}

/** The reader role's ARN in one member account (IAM role ARNs name no region); `roleName` for a role of another name. */
export function orgReaderRoleArn(partition: string, account: string, roleName: string = ORG_READER_ROLE_NAME): string {
  return `arn:${partition}:iam::${account}:role/${roleName}`;
}

/**
 * The member reaper's physical names. A StackSet puts one reaper in each account and region, so fixed names never
 * collide, and they let the reader role (one per account, IAM being global) name the reaper's function, schedule and
 * log group in every region with one ARN pattern each.
 */
export const MEMBER_FUNCTION_NAME = 'instance-reaper';
export const MEMBER_LOG_GROUP_NAME = `/aws/lambda/${MEMBER_FUNCTION_NAME}`;
export const MEMBER_SCHEDULE_RULE_NAME = 'instance-reaper-schedule';
