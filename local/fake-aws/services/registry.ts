import { byQueryVersion } from '../protocol/query-versions';
import type { FakeService } from '../protocol/service';
import { autoScalingService } from './auto-scaling';
import { cloudWatchService } from './cloudwatch';
import { ec2Service } from './ec2';
import { elbClassicService } from './elb-classic';
import { elbv2Service } from './elbv2';
import { kmsService } from './kms';
import { snsService } from './sns';
import { ssmService } from './ssm';
import { vpcLatticeService } from './vpc-lattice';

const bySigningName = (services: readonly FakeService[]) => Object.fromEntries(services.map((service) => [service.signingName, service]));

/**
 * Every service the fake speaks, keyed by SigV4 signing name. To add one (e.g. `lambda`, `events`,
 * `cloudformation`, `logs`), write a module exporting a FakeService and add one line here.
 */
export const SERVICES: Readonly<Record<string, FakeService>> = bySigningName([
  ec2Service,
  autoScalingService,
  ssmService,
  cloudWatchService,
  // Classic and v2 Load Balancing share the signing name `elasticloadbalancing`.
  byQueryVersion({ '2015-12-01': elbv2Service, '2012-06-01': elbClassicService }, '2015-12-01'),
  snsService,
  vpcLatticeService,
  kmsService,
]);
