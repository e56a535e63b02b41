import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { createClients, RETRY_SETTINGS, type AwsClients } from '../../lambda/clients';

/** The function's own clients (so `plan` reads the fleet exactly as a run does) plus the control plane the CLI drives. */
export interface CliClients extends AwsClients {
  readonly lambda: LambdaClient;
  readonly eventBridge: EventBridgeClient;
  readonly cloudFormation: CloudFormationClient;
  readonly logs: CloudWatchLogsClient;
}

/** How to reach AWS: the operator's credential chain (optionally a profile and region), or an explicit endpoint for the local account. */
export interface Connection {
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
  /** The session token comes with a role's temporary credentials (`status --org` in each member account). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /**
   * For an account on a simulated clock: its Date header is days from the machine's, which the SDK
   * would take as skew and answer by retrying every error. The local fake checks no signature.
   */
  readonly disableClockSkewCorrection?: boolean;
}

/** Told of every AWS call, for the progress indicator. */
export interface CallObserver {
  listener?: () => void;
}

interface ObservableClient {
  middlewareStack: { add(middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>, options: { step: 'finalizeRequest'; name: string }): void };
}

function observe<T>(client: T, observer: CallObserver): T {
  (client as unknown as ObservableClient).middlewareStack.add(
    (next) => (args) => {
      observer.listener?.();
      return next(args);
    },
    { step: 'finalizeRequest', name: 'instanceReaperCliProgress' },
  );
  return client;
}

/** Undefined settings are left out, so the SDK's own chain (AWS_REGION, AWS_PROFILE, ~/.aws/config) decides. */
export function clientConfig(connection: Connection): Record<string, unknown> {
  const config: Record<string, unknown> = { ...RETRY_SETTINGS };
  for (const key of ['region', 'profile', 'endpoint', 'credentials', 'disableClockSkewCorrection'] as const) if (connection[key] !== undefined) config[key] = connection[key];
  return config;
}

/** The fleet clients are the function's own (same retry settings, same limit on calls in flight), pointed where the operator says. */
export function createCliClients(connection: Connection, observer: CallObserver = {}): CliClients {
  const config = clientConfig(connection);
  const fleet = createClients(config);
  return {
    ec2: observe(fleet.ec2, observer),
    autoScaling: observe(fleet.autoScaling, observer),
    ssm: observe(fleet.ssm, observer),
    cloudWatch: observe(fleet.cloudWatch, observer),
    elbv2: observe(fleet.elbv2, observer),
    elb: observe(fleet.elb, observer),
    sns: observe(fleet.sns, observer),
    vpcLattice: observe(fleet.vpcLattice, observer),
    kms: observe(fleet.kms, observer),
    eventBridgeIn: fleet.eventBridgeIn,
    lambda: observe(new LambdaClient(config), observer),
    eventBridge: observe(new EventBridgeClient(config), observer),
    cloudFormation: observe(new CloudFormationClient(config), observer),
    logs: observe(new CloudWatchLogsClient(config), observer),
  };
}
