import { Reservation$ } from '@aws-sdk/client-ec2';
import { NormalizedSchema } from '@smithy/core/schema';
import type {
  _InstanceType,
  Reservation,
  DescribeInstanceImageMetadataRequest,
  DescribeInstanceImageMetadataResult,
  DescribeInstancesRequest,
  DescribeInstancesResult,
} from '@aws-sdk/client-ec2';
import type { FakeAccount } from '../account';
import { AwsError } from '../protocol/aws-error';
import { pageOf } from '../protocol/paging';
import { writtenOnce } from '../protocol/shape-xml';
import type { InstanceRecord } from '../state';
import { applyFilters, checkMaxResults, notFound } from './ec2-filters';
import { ec2Tags, instanceState, toImageMetadata, toInstance, type InstanceHome } from './ec2-shapes';

function instanceField(instance: InstanceRecord, name: string): string | undefined {
  if (name === 'instance-state-name') return instance.state;
  if (name === 'instance-id') return instance.instanceId;
  if (name === 'image-id') return instance.imageId;
  if (name === 'instance-type') return instance.instanceType;
  if (name === 'availability-zone') return instance.availabilityZone;
  if (name.startsWith('tag:')) return instance.tags[name.slice(4)];
  return undefined;
}
const knownInstanceFilter = (name: string): boolean => name.startsWith('tag:') || ['instance-state-name', 'instance-id', 'image-id', 'instance-type', 'availability-zone'].includes(name);

/** The instances named, in order; any unknown ID fails the call like AWS. */
function selectInstances(account: FakeAccount, ids: readonly string[] | undefined): InstanceRecord[] {
  const all = account.state.instances;
  if (!ids || ids.length === 0) return Object.values(all);
  const malformed = ids.filter((id) => !/^i-[0-9a-f]+$/.test(id));
  if (malformed.length > 0) throw new AwsError('InvalidInstanceID.Malformed', `Invalid id: "${malformed[0] ?? ''}"`);
  const missing = ids.filter((id) => !all[id]);
  if (missing.length > 0) throw notFound('InvalidInstanceID.NotFound', 'instance ID', missing);
  return [...new Set(ids)].flatMap((id) => (all[id] ? [all[id]] : []));
}

const RESERVATION = NormalizedSchema.of(Reservation$);

/** The reservation last made of each instance record, with the record's text when it was made. */
const reservations = new WeakMap<InstanceRecord, { readonly from: string; readonly reservation: Reservation }>();

/**
 * The instance's reservation (one per instance), written once (shape-xml.ts: only its XML is kept) and again only when
 * its record (or the account it lives in) changed, so a page of 1,000 unchanged instances is not written anew each call.
 */
function reservationOf(instance: InstanceRecord, home: InstanceHome): Reservation {
  const from = `${home.accountId} ${home.region} ${JSON.stringify(instance)}`;
  const known = reservations.get(instance);
  if (known?.from === from) return known.reservation;
  const reservation = writtenOnce(RESERVATION, {
    // Derived, not generated: reads must not move the ID counter.
    ReservationId: `r-${instance.instanceId.slice(2)}`,
    OwnerId: home.accountId,
    Groups: [],
    Instances: [toInstance(instance, home)],
  });
  reservations.set(instance, { from, reservation });
  return reservation;
}

/**
 * Makes and writes every instance's shape ahead of a timed run, as AWS has its answers' data at hand: a bench then times
 * the function reading the answers, not the local account writing them (each instance is in one page of a run).
 */
export function prepareInstanceAnswers(account: FakeAccount): void {
  for (const instance of Object.values(account.state.instances)) reservationOf(instance, account.state);
}

/** One reservation per instance. Without MaxResults AWS returns everything at once, and so does the fake. */
export function describeInstances(account: FakeAccount, input: DescribeInstancesRequest): DescribeInstancesResult {
  if (input.MaxResults !== undefined && (input.InstanceIds?.length ?? 0) > 0) {
    throw new AwsError('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
  checkMaxResults(input.MaxResults, 5);
  const matching = applyFilters(selectInstances(account, input.InstanceIds), input.Filters, instanceField, knownInstanceFilter);
  const page =
    input.MaxResults === undefined && !input.NextToken
      ? { items: matching }
      : pageOf(matching, { requested: input.MaxResults, serverMax: account.state.pageSizes.instances, nextToken: input.NextToken, invalidTokenCode: 'InvalidParameterValue' });
  return {
    Reservations: page.items.map((instance) => reservationOf(instance, account.state)),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

/** What each instance was launched from, even when that AMI is deregistered, disabled or gone. */
export function describeInstanceImageMetadata(account: FakeAccount, input: DescribeInstanceImageMetadataRequest): DescribeInstanceImageMetadataResult {
  checkMaxResults(input.MaxResults, 1);
  const matching = applyFilters(selectInstances(account, input.InstanceIds), input.Filters, instanceField, knownInstanceFilter);
  const page = pageOf(matching, {
    requested: input.MaxResults,
    serverMax: account.state.pageSizes.imageMetadata,
    nextToken: input.NextToken,
    invalidTokenCode: 'InvalidParameterValue',
  });
  return {
    InstanceImageMetadata: page.items.map((instance) => ({
      InstanceId: instance.instanceId,
      InstanceType: instance.instanceType as _InstanceType,
      LaunchTime: new Date(instance.launchTime),
      AvailabilityZone: instance.availabilityZone,
      State: instanceState(instance),
      OwnerId: account.state.accountId,
      Tags: ec2Tags(instance.tags),
      ImageMetadata: toImageMetadata(account.state, instance.imageId),
    })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}
