import type { DescribeAvailabilityZonesRequest, DescribeAvailabilityZonesResult } from '@aws-sdk/client-ec2';
import type { FakeAccount } from '../account';
import { AwsError } from '../protocol/aws-error';
import type { ZoneRecord } from '../state';
import { applyFilters } from './ec2-filters';

function zoneField(zone: ZoneRecord, name: string): string | undefined {
  if (name === 'zone-name') return zone.name;
  if (name === 'zone-type') return zone.type;
  if (name === 'opt-in-status') return zone.optInStatus;
  if (name === 'state') return 'available';
  return undefined;
}
const knownZoneFilter = (name: string): boolean => ['zone-name', 'zone-type', 'opt-in-status', 'state'].includes(name);

/**
 * The region's zones. Without `AllAvailabilityZones`, AWS lists the Availability Zones and the Local and Wavelength
 * Zones the account has opted in to; with it, every zone whatever its opt-in status. Not paged.
 */
export function describeAvailabilityZones(account: FakeAccount, input: DescribeAvailabilityZonesRequest): DescribeAvailabilityZonesResult {
  const { region, zones } = account.state;
  const visible = input.AllAvailabilityZones ? zones : zones.filter((zone) => zone.optInStatus !== 'not-opted-in');
  const unknown = (input.ZoneNames ?? []).filter((name) => !zones.some((zone) => zone.name === name));
  if (unknown.length > 0) throw new AwsError('InvalidParameterValue', `The zone '${unknown[0] ?? ''}' does not exist in the current region.`);
  const named = input.ZoneNames?.length ? visible.filter((zone) => input.ZoneNames?.includes(zone.name)) : visible;
  return {
    AvailabilityZones: applyFilters(named, input.Filters, zoneField, knownZoneFilter).map((zone) => ({
      ZoneName: zone.name,
      ZoneId: `${region}-az${zones.indexOf(zone) + 1}`,
      ZoneType: zone.type,
      OptInStatus: zone.optInStatus,
      State: 'available',
      RegionName: region,
      GroupName: zone.type === 'availability-zone' ? region : zone.name.slice(0, -1),
      NetworkBorderGroup: zone.type === 'availability-zone' ? region : zone.name.slice(0, -1),
      Messages: [],
    })),
  };
}
