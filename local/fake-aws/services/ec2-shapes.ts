import type { _InstanceType, Image, ImageMetadata, Instance, InstanceNetworkInterface, InstanceStateName, Tag } from '@aws-sdk/client-ec2';
import { fakeInstanceProfileArn, hex, instanceNetwork, type InstanceNetwork } from './instance-network';
import type { AccountState, ImageRecord, InstanceRecord } from '../state';

/** EC2's numeric state codes. */
const STATE_CODES: Record<InstanceStateName, number> = { pending: 0, running: 16, 'shutting-down': 32, terminated: 48, stopping: 64, stopped: 80 };

export const ROOT_DEVICE = '/dev/xvda';

export const ec2Tags = (tags: Readonly<Record<string, string>>): Tag[] => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

export const instanceState = (instance: InstanceRecord) => ({ Code: STATE_CODES[instance.state], Name: instance.state });

/** Where the instance lives: the account and region its ARNs and DNS names name. */
export interface InstanceHome {
  readonly accountId: string;
  readonly region: string;
}

/**
 * The instance as DescribeInstances shows it, with every field AWS returns for a typical instance launched by a group
 * from a launch template (network identity, security groups, placement, metadata and CPU options, ...), so readers parse
 * answers of AWS's size. A terminated one has lost its volumes, network interfaces and addresses.
 */
export function toInstance(instance: InstanceRecord, home: InstanceHome): Instance {
  const suffix = instance.instanceId.slice(2);
  const live = instance.state !== 'terminated';
  const network = instanceNetwork(instance.instanceId, instance.availabilityZone, home.region);
  const launchTime = new Date(instance.launchTime);
  return {
    AmiLaunchIndex: 0,
    ImageId: instance.imageId,
    InstanceId: instance.instanceId,
    InstanceType: instance.instanceType as _InstanceType,
    KeyName: 'fleet-access',
    LaunchTime: launchTime,
    Monitoring: { State: 'disabled' },
    Placement: { AvailabilityZone: instance.availabilityZone, GroupName: '', Tenancy: 'default' },
    PrivateDnsName: live ? network.privateDnsName : '',
    ...(live ? { PrivateIpAddress: network.privateIp } : {}),
    ProductCodes: [],
    PublicDnsName: '',
    State: instanceState(instance),
    StateTransitionReason: '',
    ...(live ? { SubnetId: network.subnetId, VpcId: network.vpcId } : {}),
    Architecture: 'x86_64',
    BlockDeviceMappings: live
      ? [{ DeviceName: ROOT_DEVICE, Ebs: { VolumeId: `vol-${suffix}`, AttachTime: new Date(instance.rootVolumeAttachTime), Status: 'attached', DeleteOnTermination: true } }]
      : [],
    ClientToken: `fleet-${suffix}-${hex(instance.launchTime >>> 0, 8)}`,
    EbsOptimized: true,
    EnaSupport: true,
    Hypervisor: 'xen',
    IamInstanceProfile: { Arn: fakeInstanceProfileArn(home.accountId), Id: 'AIPAEXAMPLEPROFILE0001' },
    NetworkInterfaces: live ? [primaryInterface(instance, network, home)] : [],
    RootDeviceName: ROOT_DEVICE,
    RootDeviceType: 'ebs',
    SecurityGroups: live ? [network.securityGroup] : [],
    SourceDestCheck: true,
    Tags: ec2Tags(instance.tags),
    VirtualizationType: 'hvm',
    CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
    CapacityReservationSpecification: { CapacityReservationPreference: 'open' },
    HibernationOptions: { Configured: false },
    MetadataOptions: { State: 'applied', HttpTokens: 'required', HttpPutResponseHopLimit: 2, HttpEndpoint: 'enabled', HttpProtocolIpv6: 'disabled', InstanceMetadataTags: 'disabled' },
    EnclaveOptions: { Enabled: false },
    BootMode: 'uefi-preferred',
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    UsageOperationUpdateTime: launchTime,
    PrivateDnsNameOptions: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
    MaintenanceOptions: { AutoRecovery: 'default' },
    CurrentInstanceBootMode: 'uefi',
    NetworkPerformanceOptions: { BandwidthWeighting: 'default' },
    Operator: { Managed: false },
  };
}

/** The primary network interface, attached at first launch (its attach time is a first-launch witness). */
function primaryInterface(instance: InstanceRecord, network: InstanceNetwork, home: InstanceHome): InstanceNetworkInterface {
  const suffix = instance.instanceId.slice(2);
  return {
    Attachment: { AttachTime: new Date(instance.eniAttachTime), AttachmentId: `eni-attach-${suffix}`, DeleteOnTermination: true, DeviceIndex: 0, Status: 'attached', NetworkCardIndex: 0 },
    Description: '',
    Groups: [network.securityGroup],
    Ipv6Addresses: [],
    MacAddress: network.macAddress,
    NetworkInterfaceId: `eni-${suffix}`,
    OwnerId: home.accountId,
    PrivateDnsName: network.privateDnsName,
    PrivateIpAddress: network.privateIp,
    PrivateIpAddresses: [{ Primary: true, PrivateDnsName: network.privateDnsName, PrivateIpAddress: network.privateIp }],
    SourceDestCheck: true,
    Status: 'in-use',
    SubnetId: network.subnetId,
    VpcId: network.vpcId,
    InterfaceType: 'interface',
    Operator: { Managed: false },
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
