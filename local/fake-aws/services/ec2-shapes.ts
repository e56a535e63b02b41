import type { _InstanceType, Image, ImageMetadata, Instance, InstanceStateName, Tag } from '@aws-sdk/client-ec2';
import type { AccountState, ImageRecord, InstanceRecord } from '../state';

/** EC2's numeric state codes. */
const STATE_CODES: Record<InstanceStateName, number> = { pending: 0, running: 16, 'shutting-down': 32, terminated: 48, stopping: 64, stopped: 80 };

export const ROOT_DEVICE = '/dev/xvda';

export const ec2Tags = (tags: Readonly<Record<string, string>>): Tag[] => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

export const instanceState = (instance: InstanceRecord) => ({ Code: STATE_CODES[instance.state], Name: instance.state });

/** The instance as DescribeInstances shows it; a terminated one has lost its volumes and network interfaces. */
export function toInstance(instance: InstanceRecord): Instance {
  const suffix = instance.instanceId.slice(2);
  const live = instance.state !== 'terminated';
  return {
    InstanceId: instance.instanceId,
    ImageId: instance.imageId,
    InstanceType: instance.instanceType as _InstanceType,
    State: instanceState(instance),
    LaunchTime: new Date(instance.launchTime),
    Placement: { AvailabilityZone: instance.availabilityZone, Tenancy: 'default' },
    Architecture: 'x86_64',
    RootDeviceName: ROOT_DEVICE,
    RootDeviceType: 'ebs',
    VirtualizationType: 'hvm',
    Hypervisor: 'xen',
    BlockDeviceMappings: live
      ? [{ DeviceName: ROOT_DEVICE, Ebs: { VolumeId: `vol-${suffix}`, AttachTime: new Date(instance.rootVolumeAttachTime), Status: 'attached', DeleteOnTermination: true } }]
      : [],
    NetworkInterfaces: live
      ? [
          {
            NetworkInterfaceId: `eni-${suffix}`,
            Status: 'in-use',
            Attachment: { AttachmentId: `eni-attach-${suffix}`, AttachTime: new Date(instance.eniAttachTime), DeviceIndex: 0, Status: 'attached', DeleteOnTermination: true },
          },
        ]
      : [],
    Tags: ec2Tags(instance.tags),
  };
}

const iso = (time: number | undefined): string | undefined => (time === undefined ? undefined : new Date(time).toISOString());

/** Describable states: `gone` images are not describable at all. */
export const imageStateName = (image: ImageRecord): 'available' | 'disabled' | 'deregistered' => (image.state === 'gone' ? 'deregistered' : image.state);

/** What DescribeImages and instance image metadata both say of an image. */
const imageFacts = (image: ImageRecord) => ({
  ImageId: image.imageId,
  Name: image.name,
  OwnerId: image.ownerId,
  State: imageStateName(image),
  CreationDate: iso(image.creationDate),
  DeprecationTime: iso(image.deprecationTime),
});

export function toImage(image: ImageRecord): Image {
  return {
    ...imageFacts(image),
    Architecture: 'x86_64',
    ImageType: 'machine',
    Public: false,
    RootDeviceName: ROOT_DEVICE,
    RootDeviceType: 'ebs',
    VirtualizationType: 'hvm',
    Hypervisor: 'xen',
  };
}

/** What an instance was launched from, kept even when the AMI itself is gone. */
export function toImageMetadata(state: AccountState, imageId: string): ImageMetadata {
  const image = state.images[imageId];
  if (!image) return { ImageId: imageId };
  return {
    ...imageFacts(image),
    ImageAllowed: true,
    IsPublic: false,
  };
}
