import {
  DescribeTargetHealth$,
  type DescribeTargetHealthInput,
  type DescribeTargetHealthOutput,
  type TargetHealth,
  type TargetHealthDescription,
  type TargetHealthStateEnum,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { FakeAccount } from '../account';
import { accessDenied } from '../protocol/access-denied';
import { AwsError } from '../protocol/aws-error';
import { queryService } from '../protocol/query-service';
import { operation } from '../protocol/service';

/** Reason codes and descriptions AWS gives with each state (ELB User Guide for Application Load Balancers, "Target health status"). */
const REASONS: Record<string, Pick<TargetHealth, 'Reason' | 'Description'>> = {
  initial: { Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' },
  unhealthy: { Reason: 'Target.FailedHealthChecks', Description: 'Health checks failed' },
  draining: { Reason: 'Target.DeregistrationInProgress', Description: 'Target deregistration is in progress' },
  unused: { Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' },
};

function describe(id: string, state: string | undefined): TargetHealthDescription {
  const name = state ?? 'unused';
  return { Target: { Id: id, Port: 80 }, HealthCheckPort: '80', TargetHealth: { State: name as TargetHealthStateEnum, ...REASONS[name] } };
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
  accessDenied: accessDenied.query,
});
