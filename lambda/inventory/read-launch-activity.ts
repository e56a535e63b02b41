import { paginateDescribeScalingActivities, type Activity } from '@aws-sdk/client-auto-scaling';
import type { AwsClients } from '../clients';
import type { GroupGates } from '../model/fleet';
import { describeError, readFailureCode } from '../util/describe-error';

/** How Auto Scaling describes a launch attempt, successful (`...: i-0abc`) or failed (`... Status Reason: ...`). */
const LAUNCH = /^Launching a new EC2 instance/;
/** A successful launch names its instance: `Launching a new EC2 instance: i-0abc` (`... from warm pool: i-0abc` from a warm pool). */
const LAUNCHED_INSTANCE = /^Launching a new EC2 instance(?: from warm pool)?: (i-[0-9a-f]+)/;
/** Activities still in progress come first (DescribeScalingActivities API reference); the question is how the latest finished launch ended. */
const FINISHED = new Set(['Successful', 'Failed', 'Cancelled']);
/** Activities come newest first (six weeks of them); past this many pages without a launch, the group has launched nothing lately. */
const MAX_PAGES = 5;

export interface LaunchActivity {
  readonly cannotReplace: GroupGates['cannotReplace'];
  /** Only when asked for (`bakeSince`): when each successful launch that ended since then ended, by instance ID. */
  readonly launchesEnded?: ReadonlyMap<string, number>;
}

/** Why the newest finished launch says the group cannot launch, or undefined when it succeeded. */
function launchFailure(launch: Activity): GroupGates['cannotReplace'] {
  if (launch.StatusCode !== 'Failed') return undefined;
  const when = launch.StartTime ? ` at ${launch.StartTime.toISOString()}` : '';
  return { code: 'cannot-replace', why: `its latest launch${when} failed: ${launch.StatusMessage ?? launch.Description ?? 'no reason given'}` };
}

/** Notes the successful launches of a page that ended since `bakeSince`; true while the page still reaches back into that time. */
function noteLaunchesEnded(activities: readonly Activity[], bakeSince: number, ended: Map<string, number>): boolean {
  for (const activity of activities) {
    const instanceId = activity.StatusCode === 'Successful' ? LAUNCHED_INSTANCE.exec(activity.Description ?? '')?.[1] : undefined;
    const endTime = activity.EndTime?.getTime();
    if (instanceId !== undefined && endTime !== undefined && endTime >= bakeSince) ended.set(instanceId, endTime);
  }
  const oldest = activities.at(-1)?.StartTime?.getTime();
  return oldest !== undefined && oldest >= bakeSince;
}

/**
 * The group's launch history, newest first. `cannotReplace`: why the group cannot launch a replacement now: its newest
 * launch attempt failed (as a launch from a deregistered or disabled AMI does, retried by the group with backoff), or
 * its activities could not be read; undefined when the newest launch succeeded or there is none. With `bakeSince`
 * (for a group with a bake time), also when its launches since then ended: when each became InService. Pages are
 * followed until both answers are known: older ones cannot change them.
 */
export async function readLaunchActivity(clients: AwsClients, groupName: string, bakeSince?: number): Promise<LaunchActivity> {
  const ended = new Map<string, number>();
  const launchesEnded = bakeSince === undefined ? undefined : ended;
  let cannotReplace: GroupGates['cannotReplace'];
  let newestFound = false;
  try {
    let pagesRead = 0;
    for await (const page of paginateDescribeScalingActivities({ client: clients.autoScaling, pageSize: 50 }, { AutoScalingGroupName: groupName, MaxRecords: 50 })) {
      const activities = page.Activities ?? [];
      const launch: Activity | undefined = newestFound ? undefined : activities.find((activity) => LAUNCH.test(activity.Description ?? '') && FINISHED.has(activity.StatusCode ?? ''));
      if (launch) {
        newestFound = true;
        cannotReplace = launchFailure(launch);
      }
      const bakeWantsMore = bakeSince !== undefined && noteLaunchesEnded(activities, bakeSince, ended);
      pagesRead += 1;
      if ((newestFound && !bakeWantsMore) || pagesRead >= MAX_PAGES) break;
    }
    return { cannotReplace, launchesEnded };
  } catch (error) {
    // Launches noted before the failure still count: the bake falls back on LaunchTime for the rest.
    return { cannotReplace: { code: readFailureCode(error), why: `its launch activity could not be read (DescribeScalingActivities: ${describeError(error)})` }, launchesEnded };
  }
}
