import {
  DescribeTargetHealth$,
  type DescribeTargetHealthInput,
  type DescribeTargetHealthOutput,
  type TargetHealthDescription,
  type TargetHealthStateEnum,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { FakeAccount } from '../account';
import { AwsError } from '../protocol/aws-error';
import { queryService } from '../protocol/query-service';
import { operation } from '../protocol/service';

function describe(id: string, state: string | undefined): TargetHealthDescription {
  const health = state === undefined ? { State: 'unused' as TargetHealthStateEnum, Reason: 'Target.NotRegistered' as const } : { State: state as TargetHealthStateEnum };
  return { Target: { Id: id, Port: 80 }, HealthCheckPort: '80', TargetHealth: health };
}

/** The group's registered targets; a target asked for by ID but not registered is `unused`, as on AWS. */
function describeTargetHealth(account: FakeAccount, input: DescribeTargetHealthInput): DescribeTargetHealthOutput {
  const targets = account.state.targetGroups[input.TargetGroupArn ?? ''];
  if (!targets) throw new AwsError('TargetGroupNotFound', 'One or more target groups not found');
  const ids = input.Targets?.length ? input.Targets.map((target) => target.Id ?? '') : Object.keys(targets);
  return { TargetHealthDescriptions: ids.map((id) => describe(id, targets[id])) };
}

/** Elastic Load Balancing v2 over awsQuery. */
export const elbv2Service = queryService({
  signingName: 'elasticloadbalancing',
  serviceIds: ['Elastic Load Balancing v2'],
  ec2: false,
  xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  operations: { DescribeTargetHealth: operation(DescribeTargetHealth$, describeTargetHealth) },
  throttle: () => new AwsError('Throttling', 'Rate exceeded'),
});
