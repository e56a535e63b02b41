import { paginateDescribeScalingActivities } from '@aws-sdk/client-auto-scaling';
import type { AwsClients } from '../clients';
import type { GroupGates } from '../model/fleet';
import { describeError, readFailureCode } from './describe-error';

/** How Auto Scaling describes a launch attempt, successful (`...: i-0abc`) or failed (`... Status Reason: ...`). */
const LAUNCH = /^Launching a new EC2 instance/;
/** Activities still in progress come first (DescribeScalingActivities API reference); the question is how the latest finished launch ended. */
const FINISHED = new Set(['Successful', 'Failed', 'Cancelled']);
/** Activities come newest first (six weeks of them); past this many pages without a launch, the group has launched nothing lately. */
const MAX_PAGES = 5;

/**
 * Why the group cannot launch a replacement now: its newest launch attempt failed (as a launch from a deregistered
 * or disabled AMI does, retried by the group with backoff), or its activities could not be read. Undefined when
 * the newest launch succeeded or there is none. Pages are followed until a launch is found: older ones cannot
 * change the answer.
 */
export async function readLaunchFailure(clients: AwsClients, groupName: string): Promise<GroupGates['cannotReplace']> {
  try {
    let pagesRead = 0;
    for await (const page of paginateDescribeScalingActivities({ client: clients.autoScaling, pageSize: 50 }, { AutoScalingGroupName: groupName, MaxRecords: 50 })) {
      const launch = (page.Activities ?? []).find((activity) => LAUNCH.test(activity.Description ?? '') && FINISHED.has(activity.StatusCode ?? ''));
      if (launch) {
        if (launch.StatusCode !== 'Failed') return undefined;
        const when = launch.StartTime ? ` at ${launch.StartTime.toISOString()}` : '';
        return { code: 'cannot-replace', why: `its latest launch${when} failed: ${launch.StatusMessage ?? launch.Description ?? 'no reason given'}` };
      }
      pagesRead += 1;
      if (pagesRead >= MAX_PAGES) return undefined;
    }
    return undefined;
  } catch (error) {
    return { code: readFailureCode(error), why: `its launch activity could not be read (DescribeScalingActivities: ${describeError(error)})` };
  }
}
