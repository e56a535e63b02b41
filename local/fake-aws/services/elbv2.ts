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
import { parseRegistration, registrationKey } from '../registrations';

/** Reason codes and descriptions AWS gives with each state (ELB User Guide for Application Load Balancers, "Target health status"). */
const REASONS: Record<string, Pick<TargetHealth, 'Reason' | 'Description'>> = {
  initial: { Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' },
  unhealthy: { Reason: 'Target.FailedHealthChecks', Description: 'Health checks failed' },
  draining: { Reason: 'Target.DeregistrationInProgress', Description: 'Target deregistration is in progress' },
  unused: { Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' },
};

/** One registration; health checks go to the traffic port by default, so each port has its own health. */
function describe(key: string, state: string | undefined): TargetHealthDescription {
  const { id, port } = parseRegistration(key);
  const name = state ?? 'unused';
  return { Target: { Id: id, Port: port }, HealthCheckPort: String(port), TargetHealth: { State: name as TargetHealthStateEnum, ...REASONS[name] } };
}

/**
 * Every registration, one description per port an instance is registered on; a target asked for (on the target group's
 * port unless it names one) but not registered is `unused`, as on AWS.
 */
function describeTargetHealth(account: FakeAccount, input: DescribeTargetHealthInput): DescribeTargetHealthOutput {
  const targets = account.state.targetGroups[input.TargetGroupArn ?? ''];
  if (!targets) throw new AwsError('TargetGroupNotFound', 'One or more target groups not found');
  const keys = input.Targets?.length ? input.Targets.map((target) => registrationKey(target.Id ?? '', target.Port)) : Object.keys(targets);
  return { TargetHealthDescriptions: keys.map((key) => describe(key, targets[key])) };
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
