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
import { toActivity } from './auto-scaling-activities';

/** Answers with the instance's termination activity, as AWS does. */
export function terminateInstanceInAutoScalingGroup(account: FakeAccount, input: TerminateInstanceInAutoScalingGroupCommandInput): ActivityType {
  const { activity } = terminateInGroup(account, input.InstanceId ?? '', input.ShouldDecrementDesiredCapacity === true);
  return activity ? { Activity: toActivity(account.state, activity) } : {};
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
