import type { FakeService } from '../protocol/service';
import { autoScalingService } from './auto-scaling';
import { ec2Service } from './ec2';

/**
 * Every service the fake speaks, keyed by SigV4 signing name. To add one (e.g. `lambda`, `events`,
 * `cloudformation`, `logs`), write a module exporting a FakeService and add one line here.
 */
export const SERVICES: Readonly<Record<string, FakeService>> = {
  [ec2Service.signingName]: ec2Service,
  [autoScalingService.signingName]: autoScalingService,
};
