import type { RunReport } from '../../lambda/model/report';
import { FakeAccount } from '../../local/fake-aws/account';
import { startFakeAws, type FakeAws, type FakeAwsOptions } from '../../local/fake-aws/server';
import { invokeBundle, type Invocation } from '../../local/invoke-bundle';
import { localStateKey } from '../../local/local-state-key';
import { synthesizedFunction } from '../../local/synthesized-bundle';
import { scheduledEvent } from '../../local/scheduled-event';

export const DAY_MS = 86_400_000;

export const SCHEDULED_EVENT = scheduledEvent({ accountId: '123456789012', region: 'us-east-1' }, Date.parse('2026-11-24T12:00:00Z'), 'e2e');

export const MUTATING_ACTIONS = ['TerminateInstanceInAutoScalingGroup', 'SetDesiredCapacity', 'CreateOrUpdateTags', 'DeleteTags', 'TerminateInstances'];

export interface InvokeOptions {
  /** Configuration variables on top of what `cdk synth` put in the function's environment. */
  readonly env?: Record<string, string>;
  /** Run the function's clock from this time (epoch ms). */
  readonly at?: number;
}

/** The synthesized function against a local account: what a deployed reaper sees, through the real SDK. */
export class LocalReaper {
  private constructor(
    readonly account: FakeAccount,
    readonly aws: FakeAws,
    private readonly clock: { offset: number },
    /** The surge-state key the account created for the function, as the construct does on deploy. */
    readonly stateKeyArn: string,
  ) {}

  static async start(seed: (account: FakeAccount) => void, options: FakeAwsOptions = {}): Promise<LocalReaper> {
    const clock = { offset: 0 };
    const account = new FakeAccount({ now: () => Date.now() + clock.offset });
    seed(account);
    return new LocalReaper(account, await startFakeAws(account, options), clock, localStateKey(account));
  }

  /** Invokes the deployed bundle in a fresh process; the result or the error it threw, and its logs. */
  async invokeRaw(event: unknown = SCHEDULED_EVENT, options: InvokeOptions = {}): Promise<Invocation> {
    const fn = synthesizedFunction();
    // The account answers at the function's time, as AWS and a Lambda share one clock.
    this.clock.offset = options.at === undefined ? 0 : options.at - Date.now();
    try {
      // The template passes the key by reference, which `environment` leaves out: the deployment fills it in.
      const deployed = { ...fn.environment, REAPER_STATE_KEY_ARN: this.stateKeyArn };
      return await invokeBundle(fn.bundlePath, { ...deployed, ...this.aws.env, ...options.env }, event, options.at);
    } finally {
      this.clock.offset = 0;
    }
  }

  /** Invokes and returns the report; fails the test with the handler's error if it threw. */
  async invoke(event: unknown = SCHEDULED_EVENT, options: InvokeOptions = {}): Promise<RunReport> {
    const invocation = await this.invokeRaw(event, options);
    if (invocation.error !== undefined) throw new Error(`the handler threw: ${invocation.error}\n${invocation.logs.slice(-3000)}`);
    return invocation.result as RunReport;
  }

  mutatingCalls(): { action: string; params: unknown }[] {
    return this.account.calls.filter((call) => MUTATING_ACTIONS.includes(call.action)).map(({ action, params }) => ({ action, params }));
  }

  close(): Promise<void> {
    return this.aws.close();
  }
}

/** A launch template on a current AMI, and a group of InService instances of the given ages in days. */
export function seedGroup(account: FakeAccount, name: string, ages: readonly number[], group: Record<string, unknown> = {}): string[] {
  const template = `${name}-template`;
  const imageId = account.addImage({ name: `${name}-current`, creationDate: Date.now() - 2 * DAY_MS });
  account.addLaunchTemplate({ name: template, imageId, instanceType: 't3.small' });
  account.addGroup({ name, minSize: 0, maxSize: ages.length + 2, desiredCapacity: ages.length, launchTemplate: { name: template, version: '$Latest' }, ...group });
  return ages.map((age) => account.addInstance({ group: name, imageId, launchTime: Date.now() - age * DAY_MS }));
}

/** IDs of the instances a report lists under `terminated`. */
export const terminatedIds = (report: RunReport): string[] => report.terminated.map((entry) => entry.instanceId).sort();
