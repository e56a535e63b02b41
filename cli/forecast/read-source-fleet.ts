import { DescribeImagesCommand, type Image } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../lambda/clients';
import type { RunSettings } from '../../lambda/config/load-run-policy';
import { readFleet } from '../../lambda/inventory/read-fleet';
import { readGroupGates } from '../../lambda/inventory/read-group-gates';
import type { FleetSnapshot, GroupGates, ImageSnapshot } from '../../lambda/model/fleet';
import { evaluateFleet } from '../../lambda/policy/evaluate-fleet';
import { chunk } from '../../lambda/util/chunk';

/** What the forecast starts from: the fleet as one run reads it, plus what a run reads only when it needs it. */
export interface SourceFleet {
  readonly snapshot: FleetSnapshot;
  /**
   * Health gates of every group in scope, as they are now. A run reads them only for groups with
   * something due; the forecast needs them for all, since any group may come due later.
   */
  readonly gates: ReadonlyMap<string, GroupGates>;
  /** Every alarm name some group watches (configured and tagged), so the copy can hold the OK ones too. */
  readonly alarmNames: readonly string[];
  /** AMIs groups launch now that no instance runs yet: replacements will run them, and are judged by them. */
  readonly launchImages: ReadonlyMap<string, ImageSnapshot>;
  readonly readAt: number;
}

const time = (text: string | undefined): number | undefined => {
  const parsed = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
};

const toImageSnapshot = (image: Image): ImageSnapshot => ({
  imageId: image.ImageId ?? '',
  state: image.State ?? 'unknown',
  name: image.Name,
  creationDate: time(image.CreationDate),
  deprecationTime: time(image.DeprecationTime),
});

/** By filter rather than `ImageIds`: an AMI that is gone is then simply not listed, instead of failing the call. */
async function describeLaunchImages(clients: AwsClients, imageIds: readonly string[]): Promise<Map<string, ImageSnapshot>> {
  const images = new Map<string, ImageSnapshot>();
  for (const batch of chunk(imageIds, 200)) {
    const command = new DescribeImagesCommand({ Filters: [{ Name: 'image-id', Values: [...batch] }], IncludeDeprecated: true, IncludeDisabled: true });
    for (const image of (await clients.ec2.send(command)).Images ?? []) images.set(image.ImageId ?? '', toImageSnapshot(image));
  }
  for (const imageId of imageIds) if (!images.has(imageId)) images.set(imageId, { imageId, state: 'missing' });
  return images;
}

function unreadLaunchImages(snapshot: FleetSnapshot): string[] {
  const launched = snapshot.groups.flatMap((group) => [group.launchImages?.imageId, ...Object.values(group.launchImages?.imageIdByInstanceType ?? {})]);
  return [...new Set(launched.filter((id): id is string => id !== undefined && !snapshot.images.has(id)))];
}

/**
 * Reads the fleet once, read-only, with the function's own readers and the same options a run
 * uses (`decideRun`), then the health gates of every group and the AMIs groups launch now.
 */
export async function readSourceFleet(clients: AwsClients, settings: RunSettings, now: number): Promise<SourceFleet> {
  const snapshot = await readFleet(clients, { groups: settings.policy.groups, blockedAmisParameter: settings.blockedAmisParameter });
  // Each group's alarm names come from its settings (tags over configuration), as a run resolves them.
  const groups = evaluateFleet(snapshot, settings.policy, now).groups;
  const requests = groups.map((group) => ({ group: group.group, alarmNames: group.settings.alarmNames }));
  const [gates, launchImages] = await Promise.all([readGroupGates(clients, requests), describeLaunchImages(clients, unreadLaunchImages(snapshot))]);
  const alarmNames = [...new Set(requests.flatMap((request) => request.alarmNames))];
  return { snapshot, gates, alarmNames, launchImages, readAt: now };
}
