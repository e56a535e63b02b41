import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeAccount } from './account';
import { dispatch, type DispatchContext } from './dispatch';
import type { AwsError } from './protocol/aws-error';
import type { FakeService, RawRequest, RawResponse } from './protocol/service';
import { SERVICES } from './services/registry';
import { Throttle, type ThrottleOptions } from './throttle';

export { accessKeyIdOf, signingNameOf } from './dispatch';

export interface FakeAwsOptions {
  /** Default 0: a free port. The server listens on 127.0.0.1 only. */
  readonly port?: number;
  readonly throttle?: ThrottleOptions;
  /** Added to every call before it is answered, in ms. */
  readonly latencyMs?: number;
  /** Extra or replacement services, by signing name (e.g. from another module's registry). */
  readonly services?: Readonly<Record<string, FakeService>>;
}

export interface FakeAwsStats {
  readonly requests: number;
  readonly throttled: number;
  /** Requests being served right now, and the most at once since start (or resetStats). */
  readonly inFlight: number;
  readonly peakInFlight: number;
}

export interface FakeAws {
  readonly endpoint: string;
  /** AWS_REGION, fake credentials and AWS_ENDPOINT_URL_<SERVICE> for every service, all at this endpoint. */
  readonly env: Record<string, string>;
  stats(): FakeAwsStats;
  resetStats(): void;
  setThrottle(options: ThrottleOptions | undefined): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

/** `AWS_ENDPOINT_URL_` + the SDK service ID upper-cased, spaces as `_`: what SDK v3 reads. */
export const endpointVariable = (serviceId: string): string => `AWS_ENDPOINT_URL_${serviceId.toUpperCase().replace(/ /g, '_')}`;

function buildEnv(endpoint: string, region: string, services: Iterable<FakeService>): Record<string, string> {
  const env: Record<string, string> = {
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: 'AKIAFAKEAWSLOCAL0000',
    AWS_SECRET_ACCESS_KEY: 'fake-aws-local-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  for (const service of services) for (const id of service.serviceIds) env[endpointVariable(id)] = endpoint;
  return env;
}

async function readRequest(message: IncomingMessage): Promise<RawRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const url = new URL(message.url ?? '/', 'http://127.0.0.1');
  return { method: message.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: message.headers, body: Buffer.concat(chunks).toString('utf8') };
}

/** The account's clock, not the machine's: AWS's Date header is its now, and the SDK corrects its signing clock to it. */
function send(response: ServerResponse, answer: RawResponse, now: number): void {
  response.writeHead(answer.status, { ...answer.headers, date: new Date(now).toUTCString(), 'content-length': String(Buffer.byteLength(answer.body)) });
  response.end(answer.body);
}

/** Several accounts behind one endpoint (an organization), told apart by the access key that signed each request. */
export interface AccountRouter {
  /** The account whose key signed the request, or the error the service answers for a key nobody issued. */
  accountFor(request: RawRequest, signingName: string): FakeAccount | AwsError;
  /** The accounts' shared clock, for the Date header. */
  now(): number;
  /** The AWS_REGION the server's env names. */
  readonly region: string;
}

/** Starts the fake on 127.0.0.1: every call is decoded, logged on the account, maybe throttled, then answered. */
export function startFakeAws(account: FakeAccount, options: FakeAwsOptions = {}): Promise<FakeAws> {
  return startRoutedFakeAws({ accountFor: () => account, now: () => account.now(), region: account.state.region }, options);
}

/** The same server, each request served by the account the router picks (see local/org/). */
export async function startRoutedFakeAws(router: AccountRouter, options: FakeAwsOptions = {}): Promise<FakeAws> {
  const services: Record<string, FakeService> = { ...SERVICES, ...options.services };
  const context: DispatchContext = {
    accountFor: (request, signingName) => router.accountFor(request, signingName),
    services,
    throttle: new Throttle(options.throttle),
    latencyMs: options.latencyMs ?? 0,
    throttled: 0,
  };
  const counts = { requests: 0, inFlight: 0, peakInFlight: 0 };
  const server = createServer((message, response) => {
    counts.requests += 1;
    counts.inFlight += 1;
    counts.peakInFlight = Math.max(counts.peakInFlight, counts.inFlight);
    readRequest(message)
      .then((request) => dispatch(context, request))
      .then((answer) => send(response, answer, router.now()))
      .catch((error: unknown) => send(response, { status: 500, headers: {}, body: String(error) }, router.now()))
      .finally(() => {
        counts.inFlight -= 1;
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    env: buildEnv(endpoint, router.region, Object.values(services)),
    stats: () => ({ ...counts, throttled: context.throttled }),
    resetStats: () => {
      Object.assign(counts, { requests: 0, peakInFlight: counts.inFlight });
      context.throttled = 0;
    },
    setThrottle: (throttle) => context.throttle.configure(throttle),
    setLatency: (ms) => {
      context.latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
