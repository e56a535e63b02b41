/**
 * An instance's network identity, derived from its ID and zone so reads never move the account's counters and the same
 * instance always answers the same: one VPC, a subnet per zone, one security group, a private address per instance.
 */
export interface InstanceNetwork {
  readonly vpcId: string;
  readonly subnetId: string;
  readonly privateIp: string;
  readonly privateDnsName: string;
  readonly macAddress: string;
  readonly securityGroup: { readonly GroupId: string; readonly GroupName: string };
}

export const FAKE_VPC_ID = 'vpc-0a1b2c3d4e5f60718';
export const FAKE_SECURITY_GROUP = { GroupId: 'sg-0f1e2d3c4b5a69788', GroupName: 'app-instances' } as const;

/** The instance profile every instance and template of the account names. */
export const fakeInstanceProfileArn = (accountId: string) => `arn:aws:iam::${accountId}:instance-profile/app-instance-profile`;

/** `value` in hex, zero-padded to `width` digits. */
export const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');

/** The zone's letter picks its subnet, so every instance of a zone shares one. */
export function subnetOf(zone: string): string {
  const letter = zone.charCodeAt(zone.length - 1);
  return `subnet-0${hex(letter * 0x1f3d5b7, 16).slice(-16)}`;
}

export function instanceNetwork(instanceId: string, zone: string, region: string): InstanceNetwork {
  const number = Number.parseInt(instanceId.slice(-6), 16) || 0;
  const privateIp = `10.${(zone.charCodeAt(zone.length - 1) - 97) & 0xff}.${(number >> 8) & 0xff}.${number & 0xff}`;
  return {
    vpcId: FAKE_VPC_ID,
    subnetId: subnetOf(zone),
    privateIp,
    privateDnsName: `ip-${privateIp.replaceAll('.', '-')}.${region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`}`,
    macAddress: `0e:${hex(number, 10).match(/../g)?.join(':') ?? '00:00:00:00:00'}`,
    securityGroup: FAKE_SECURITY_GROUP,
  };
}
