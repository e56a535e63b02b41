import type {
  ActivityType,
  CreateOrUpdateTagsCommandInput,
  DeleteTagsCommandInput,
  SetDesiredCapacityCommandInput,
  Tag,
  TerminateInstanceInAutoScalingGroupCommandInput,
} from '@aws-sdk/client-auto-scaling';
import type { FakeAccount } from '../account';
import { requireGroup, setDesiredCapacity, terminateInGroup } from '../group-behaviour';
import { validationError } from '../protocol/aws-error';
import type { GroupRecord } from '../state';
import { nextUuid } from '../world';

export function terminateInstanceInAutoScalingGroup(account: FakeAccount, input: TerminateInstanceInAutoScalingGroupCommandInput): ActivityType {
  const instanceId = input.InstanceId ?? '';
  const decrement = input.ShouldDecrementDesiredCapacity === true;
  const { group } = terminateInGroup(account, instanceId, decrement);
  const cause = decrement
    ? `an instance was removed in response to a user request, shrinking the capacity from ${group.desiredCapacity + 1} to ${group.desiredCapacity}.`
    : 'an instance was taken out of service in response to a user request.';
  return {
    Activity: {
      ActivityId: nextUuid(account.state),
      AutoScalingGroupName: group.name,
      AutoScalingGroupARN: group.arn,
      Description: `Terminating EC2 instance: ${instanceId}`,
      Cause: `At ${new Date(account.now()).toISOString()} ${cause}`,
      StartTime: new Date(account.now()),
      StatusCode: 'InProgress',
      Progress: 0,
    },
  };
}

export function setDesired(account: FakeAccount, input: SetDesiredCapacityCommandInput): Record<string, never> {
  setDesiredCapacity(account, input.AutoScalingGroupName ?? '', input.DesiredCapacity ?? 0);
  return {};
}

/** Every tag's group is checked before any is written, so a bad request changes nothing. */
function taggedGroups(account: FakeAccount, tags: readonly Tag[] | undefined): { tag: Tag; group: GroupRecord }[] {
  return (tags ?? []).map((tag) => {
    if (tag.ResourceType !== 'auto-scaling-group') throw validationError(`Invalid resource type: ${tag.ResourceType ?? '(none)'}`);
    if (!tag.Key) throw validationError('Tag key must not be empty');
    return { tag, group: requireGroup(account.state, tag.ResourceId ?? '') };
  });
}

export function createOrUpdateTags(account: FakeAccount, input: CreateOrUpdateTagsCommandInput): Record<string, never> {
  for (const { tag, group } of taggedGroups(account, input.Tags)) {
    const key = tag.Key ?? '';
    group.tags = [...group.tags.filter((existing) => existing.key !== key), { key, value: tag.Value ?? '', propagateAtLaunch: tag.PropagateAtLaunch ?? false }];
  }
  return {};
}

export function deleteTags(account: FakeAccount, input: DeleteTagsCommandInput): Record<string, never> {
  for (const { tag, group } of taggedGroups(account, input.Tags)) group.tags = group.tags.filter((existing) => existing.key !== tag.Key);
  return {};
}
