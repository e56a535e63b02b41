import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { createClients, type AwsClients } from '../../../lambda/clients';
import { FakeAccount, type FakeAccountOptions } from '../../../local/fake-aws/account';
import { startFakeAws, type FakeAws, type FakeAwsOptions } from '../../../local/fake-aws/server';

/**
 * The accounts' frozen clock: the machine's time when the tests start, so SDK clients in this
 * process stay within minutes of the Date the fake answers with (a client more than 4 minutes
 * off corrects its clock on every error and retries it).
 */
export const NOW = Date.now();
export const DAY = 86_400_000;

export interface Harness extends AwsClients {
  readonly account: FakeAccount;
  readonly fake: FakeAws;
  close(): Promise<void>;
}

/** The function's own clients pointed at the fake; throttling retried with a 1 ms backoff so tests stay fast. */
export async function startHarness(options: { account?: FakeAccountOptions; server?: FakeAwsOptions } = {}): Promise<Harness> {
  const account = new FakeAccount({ now: () => NOW, ...options.account });
  const fake = await startFakeAws(account, options.server);
  const config = {
    endpoint: fake.endpoint,
    region: fake.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: fake.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: fake.env.AWS_SECRET_ACCESS_KEY ?? '' },
    retryStrategy: new ConfiguredRetryStrategy(10, () => 1),
  };
  const clients = createClients(config);
  return {
    account,
    fake,
    ...clients,
    async close() {
      // eventBridgeIn makes clients on demand; the others are clients to close.
      for (const client of Object.values(clients)) if (typeof client !== 'function') (client as { destroy(): void }).destroy();
      await fake.close();
    },
  };
}

/** A small account: one image, one template, one group of three InService instances. */
export function seedWebGroup(account: FakeAccount): { imageId: string; templateId: string; instanceIds: string[] } {
  const imageId = account.addImage({ name: 'web-1', creationDate: NOW - 10 * DAY });
  const templateId = account.addLaunchTemplate({ name: 'web', imageId, instanceType: 't3.small' });
  account.addGroup({ name: 'web', minSize: 1, maxSize: 6, desiredCapacity: 3, launchTemplate: { id: templateId, version: '$Latest' } });
  const instanceIds = account.fillGroup('web', { launchTime: NOW - 5 * DAY });
  return { imageId, templateId, instanceIds };
}
