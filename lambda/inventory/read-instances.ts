import { paginateDescribeInstances, type Instance } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../clients';
import type { InstanceSnapshot } from '../model/fleet';

const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

const time = (date: Date | undefined): number | undefined => (date ? date.getTime() : undefined);

/** First-launch witnesses: the primary network interface's and the root volume's attach times. */
export function toInstanceSnapshot(instance: Instance): InstanceSnapshot {
  const primaryEni = instance.NetworkInterfaces?.find((eni) => eni.Attachment?.DeviceIndex === 0);
  const rootVolume = instance.BlockDeviceMappings?.find((mapping) => mapping.DeviceName === instance.RootDeviceName);
  return {
    instanceId: instance.InstanceId ?? '',
    state: instance.State?.Name ?? 'unknown',
    imageId: instance.ImageId,
    instanceType: instance.InstanceType,
    launchTime: time(instance.LaunchTime),
    primaryEniAttachTime: time(primaryEni?.Attachment?.AttachTime),
    rootVolumeAttachTime: time(rootVolume?.Ebs?.AttachTime),
    tags: Object.fromEntries((instance.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])),
  };
}

/** Every pending, running, stopping or stopped instance, 1,000 a page. */
export async function readInstances(clients: AwsClients): Promise<Map<string, InstanceSnapshot>> {
  const instances = new Map<string, InstanceSnapshot>();
  const pages = paginateDescribeInstances(
    { client: clients.ec2, pageSize: 1000 },
    { MaxResults: 1000, Filters: [{ Name: 'instance-state-name', Values: LIVE_STATES }] },
  );
  for await (const page of pages) {
    for (const reservation of page.Reservations ?? []) {
      for (const instance of reservation.Instances ?? []) {
        // Filtered again here: the state filter is the server's to honour, the rule is ours.
        if (instance.InstanceId && LIVE_STATES.includes(instance.State?.Name ?? '')) {
          instances.set(instance.InstanceId, toInstanceSnapshot(instance));
        }
      }
    }
  }
  return instances;
}
