import { DescribeInstanceHealth$, type DescribeEndPointStateInput, type DescribeEndPointStateOutput, type InstanceState } from '@aws-sdk/client-elastic-load-balancing';
import type { FakeAccount } from '../account';
import { accessDenied } from '../protocol/access-denied';
import { AwsError } from '../protocol/aws-error';
import { queryService } from '../protocol/query-service';
import { operation } from '../protocol/service';

/*
 * Classic Load Balancing (API 2012-06-01). States and descriptions are the API Reference's
 * (InstanceState); that a draining instance still reads InService is unconfirmed.
 */
const STATES: Record<string, Omit<InstanceState, 'InstanceId'>> = {
  registering: { State: 'OutOfService', ReasonCode: 'ELB', Description: 'Instance registration is still in progress.' },
  InService: { State: 'InService', ReasonCode: 'N/A', Description: 'N/A' },
  OutOfService: { State: 'OutOfService', ReasonCode: 'Instance', Description: 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.' },
  deregistering: { State: 'InService', ReasonCode: 'ELB', Description: 'Instance deregistration currently in progress.' },
  unregistered: { State: 'OutOfService', ReasonCode: 'ELB', Description: 'Instance is not currently registered with the LoadBalancer.' },
};

/** Registered instances, or those asked for (an instance EC2 does not know fails the call). */
function describeInstanceHealth(account: FakeAccount, input: DescribeEndPointStateInput): DescribeEndPointStateOutput {
  const name = input.LoadBalancerName ?? '';
  const registered = account.state.classicLoadBalancers[name];
  if (!registered) throw new AwsError('LoadBalancerNotFound', `There is no ACTIVE Load Balancer named '${name}'`);
  const asked = input.Instances?.map((instance) => instance.InstanceId ?? '');
  const unknown = asked?.find((id) => !account.state.instances[id]);
  if (unknown !== undefined) throw new AwsError('InvalidInstance', `Could not find EC2 instance ${unknown}.`);
  const ids = asked ?? Object.keys(registered);
  return { InstanceStates: ids.map((id) => ({ InstanceId: id, ...STATES[registered[id] ?? 'unregistered'] })) };
}

export const elbClassicService = queryService({
  signingName: 'elasticloadbalancing',
  serviceIds: ['Elastic Load Balancing'],
  ec2: false,
  xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/',
  operations: { DescribeInstanceHealth: operation(DescribeInstanceHealth$, describeInstanceHealth) },
  throttle: () => new AwsError('Throttling', 'Rate exceeded'),
  accessDenied: accessDenied.query,
});
