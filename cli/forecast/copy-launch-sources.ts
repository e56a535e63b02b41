import type { GroupSnapshot, ImageSnapshot } from '../../lambda/model/fleet';
import type { FakeAccount } from '../../local/fake-aws/account';
import type { GroupSpec } from '../../local/fake-aws/seed-fleet';
import type { ImageState, Override } from '../../local/fake-aws/state';

/**
 * A launch template that resolves to nothing: the reader then cannot say what the group launches
 * (as it could not in the source), and the group launches no replacement.
 */
const UNRESOLVED_IMAGE = 'resolve:ssm:/instance-reaper/forecast/unresolved';

/** Only the states the rules tell apart: gone ones (`ami-missing`) and the rest, which are as good as available. */
function imageState(state: string): ImageState {
  if (state === 'missing') return 'gone';
  if (state === 'deregistered' || state === 'disabled') return state;
  return 'available';
}

/** The AMIs as the reader saw them; an unknown creation time reads as `readAt`, so it is judged young rather than invented old. */
export function copyImages(account: FakeAccount, images: Iterable<ImageSnapshot>, readAt: number): void {
  for (const image of images) {
    if (account.state.images[image.imageId]) continue;
    account.addImage({
      imageId: image.imageId,
      ...(image.name !== undefined ? { name: image.name } : {}),
      creationDate: image.creationDate ?? readAt,
      ...(image.deprecationTime !== undefined ? { deprecationTime: image.deprecationTime } : {}),
      state: imageState(image.state),
    });
  }
}

function addTemplate(account: FakeAccount, name: string, imageId: string | undefined): string {
  return account.addLaunchTemplate({ name: `instance-reaper-forecast/${name}`, imageId: imageId ?? UNRESOLVED_IMAGE });
}

/**
 * What the group launches now, as one template per AMI: the group's own, and one per instance type
 * whose mixed-instances override names its own template. Member types without one use the group's,
 * so a replacement keeps its type and gets the AMI the source would give it.
 */
export function copyLaunchSource(account: FakeAccount, group: GroupSnapshot): Pick<GroupSpec, 'launchTemplate' | 'mixedInstancesPolicy'> {
  const base = { id: addTemplate(account, group.name, group.launchImages?.imageId), version: '$Latest' };
  const typed = Object.entries(group.launchImages?.imageIdByInstanceType ?? {});
  if (typed.length === 0) return { launchTemplate: base };
  const ownTemplate = new Set(typed.map(([instanceType]) => instanceType));
  // Types on the group's own template first: the fake launches from the first override when it has no type to go by.
  const memberTypes = new Set(group.members.flatMap((member) => (member.instanceType && !ownTemplate.has(member.instanceType) ? [member.instanceType] : [])));
  const overrides: Override[] = [
    ...[...memberTypes].map((instanceType) => ({ instanceType })),
    ...typed.map(([instanceType, imageId]) => ({ instanceType, launchTemplate: { id: addTemplate(account, `${group.name}/${instanceType}`, imageId), version: '$Latest' } })),
  ];
  return { mixedInstancesPolicy: { launchTemplate: base, overrides } };
}
