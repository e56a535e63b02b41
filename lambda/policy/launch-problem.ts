import type { GroupSnapshot, ImageSnapshot } from '../model/fleet';

/**
 * Why the group cannot launch a replacement, judged from what it launches now: AWS cannot launch a deregistered,
 * disabled or pending AMI (the launch fails and shows as a Failed scaling activity), nor one the account's Allowed
 * AMIs settings exclude ("can't be discovered or used in the account", EC2 API Reference, ImageMetadata). An AMI
 * that could not be described or resolved is not known to launch; one absent from a complete DescribeImages answer
 * is `missing`, the usual form of a deregistered AMI. Undefined when every AMI it launches is available. Pure.
 */
export function launchProblem(group: GroupSnapshot, images: ReadonlyMap<string, ImageSnapshot>): string | undefined {
  const launch = group.launchImages;
  if (!launch?.imageId) return 'the AMI it launches could not be resolved';
  for (const imageId of new Set([launch.imageId, ...Object.values(launch.imageIdByInstanceType)])) {
    const image = images.get(imageId);
    if (!image) return `the AMI it launches, ${imageId}, could not be described`;
    if (image.state !== 'available') return `the AMI it launches, ${imageId}, is ${image.state}`;
    if (image.allowed === false) return `the AMI it launches, ${imageId}, is not allowed by the account's Allowed AMIs settings`;
  }
  return undefined;
}
