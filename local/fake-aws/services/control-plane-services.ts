import type { FakeService } from '../protocol/service';
import { cloudFormationService } from './cloudformation';
import { cloudWatchLogsService } from './cloudwatch-logs';
import { eventBridgeService } from './eventbridge';
import { lambdaService } from './lambda';

/** The services around a deployed reaper (stack, function, schedule, logs), by signing name; see reaper-control-plane.ts. */
export const CONTROL_PLANE_SERVICES: Readonly<Record<string, FakeService>> = Object.fromEntries(
  [cloudFormationService, lambdaService, eventBridgeService, cloudWatchLogsService].map((service) => [service.signingName, service]),
);
