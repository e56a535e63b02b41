import type { ActivityRecord, GroupRecord, InstanceRecord } from './state';
import type { World } from './world';

/*
 * Scaling activities in AWS's wording (DescribeScalingActivities examples in the Amazon EC2 Auto
 * Scaling API Reference): one per launch attempt, termination or detachment. Launches and
 * terminations stay InProgress until the tick that finishes them; a launch that cannot start is
 * recorded Failed at once.
 */

/** AWS writes causes with whole seconds. */
export const awsTime = (time: number): string => new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A UUID-shaped ID numbered apart from the account's counter, so activities never shift instance IDs. */
const activityId = (index: number): string => `${index.toString(16).padStart(8, '0')}-ac71-4a00-8000-000000000000`;

/** `{"Subnet ID":...,"Availability Zone":...}`: the subnet is made up from the zone. */
const details = (zone: string): string => JSON.stringify({ 'Subnet ID': `subnet-${zone.charCodeAt(zone.length - 1).toString(16).padStart(17, '0')}`, 'Availability Zone': zone });

type NewActivity = Omit<ActivityRecord, 'id' | 'group' | 'startTime' | 'progress'> & { progress?: number };

export function recordActivity(world: World, group: GroupRecord, fields: NewActivity): number {
  const index = world.state.activities.length;
  world.state.activities.push({ id: activityId(index + 1), group: group.name, startTime: world.now(), progress: 0, ...fields });
  return index;
}

/** Why a group launches: "At T an instance was started in response to ..., increasing the capacity from X to Y." */
export const launchCause = (world: World, from: number, to: number): string =>
  `At ${awsTime(world.now())} an instance was started in response to a difference between desired and actual capacity, increasing the capacity from ${from} to ${to}.`;

export const scaleInCause = (world: World, from: number, to: number): string =>
  `At ${awsTime(world.now())} an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from ${from} to ${to}.`;

/** A cause that follows another is joined with two spaces, as AWS does. */
export const causes = (...parts: readonly (string | undefined)[]): string => parts.filter(Boolean).join('  ');

export function startLaunch(world: World, group: GroupRecord, instance: InstanceRecord, cause: string, describedAs = 'Launching a new EC2 instance'): void {
  instance.activity = recordActivity(world, group, {
    description: `${describedAs}: ${instance.instanceId}`,
    cause,
    statusCode: 'InProgress',
    details: details(instance.availabilityZone),
  });
}

export function failLaunch(world: World, group: GroupRecord, zone: string, reason: string, cause: string): void {
  const statusMessage = `${reason} Launching EC2 instance failed.`;
  recordActivity(world, group, {
    description: `Launching a new EC2 instance.  Status Reason: ${statusMessage}`,
    cause,
    statusCode: 'Failed',
    statusMessage,
    endTime: world.now(),
    progress: 100,
    details: details(zone),
  });
}

export function startTermination(world: World, group: GroupRecord, instance: InstanceRecord, cause: string): ActivityRecord {
  instance.activity = recordActivity(world, group, {
    description: `Terminating EC2 instance: ${instance.instanceId}`,
    cause,
    statusCode: 'InProgress',
    details: details(instance.availabilityZone),
  });
  return world.state.activities[instance.activity] as ActivityRecord;
}

/** The instance's open activity ends Successful (it came into service, or is gone). */
export function finishActivity(world: World, instance: InstanceRecord): void {
  const activity = instance.activity === undefined ? undefined : world.state.activities[instance.activity];
  if (activity) Object.assign(activity, { statusCode: 'Successful', progress: 100, endTime: world.now() });
  delete instance.activity;
}

/** A detachment is over as soon as it is asked for. */
export function recordDetachment(world: World, group: GroupRecord, instance: InstanceRecord, cause: string): void {
  recordActivity(world, group, {
    description: `Detaching EC2 instance: ${instance.instanceId}`,
    cause,
    statusCode: 'Successful',
    progress: 100,
    endTime: world.now(),
    details: details(instance.availabilityZone),
  });
}
