import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeAccount } from './account';
import { AwsError } from './protocol/aws-error';
import type { FakeService, RawRequest, RawResponse } from './protocol/service';
import { SERVICES } from './services/registry';
import { Throttle, type ThrottleOptions } from './throttle';

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

/** The signing name from `Credential=AKID/date/region/<service>/aws4_request`: one endpoint serves every service. */
export function signingNameOf(request: RawRequest): string | undefined {
  const credential = String(request.headers.authorization ?? '') || (request.query.get('X-Amz-Credential') ?? '');
  return /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\/aws4_request/.exec(credential)?.[1] ?? /^[^/]+\/[^/]+\/[^/]+\/([^/]+)\/aws4_request$/.exec(credential)?.[1];
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

function send(response: ServerResponse, answer: RawResponse): void {
  response.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) });
  response.end(answer.body);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts the fake on 127.0.0.1; every call is decoded, logged on the account, maybe throttled, then answered. */
export async function startFakeAws(account: FakeAccount, options: FakeAwsOptions = {}): Promise<FakeAws> {
  const services: Record<string, FakeService> = { ...SERVICES, ...options.services };
  const throttle = new Throttle(options.throttle);
  let latencyMs = options.latencyMs ?? 0;
  const counts = { requests: 0, throttled: 0, inFlight: 0, peakInFlight: 0 };

  async function answer(request: RawRequest): Promise<RawResponse> {
    const requestId = randomUUID();
    const signingName = signingNameOf(request) ?? '';
    const service = services[signingName];
    if (!service) {
      const body = JSON.stringify({ __type: 'UnknownService', message: `fake-aws does not implement service '${signingName}'` });
      return { status: 400, headers: { 'content-type': 'application/json' }, body };
    }
    let call;
    try {
      call = service.decode(request);
    } catch (error) {
      return service.renderError(error instanceof AwsError ? error : new AwsError('MalformedQueryString', String(error)), requestId);
    }
    if (latencyMs > 0) await sleep(latencyMs);
    const throttled = throttle.shouldThrottle(signingName, call.action);
    account.recordCall({ service: signingName, action: call.action, params: call.params, throttled });
    if (throttled) {
      counts.throttled += 1;
      return service.renderError(service.throttleError(), requestId, call);
    }
    try {
      return service.render(call, await service.invoke(call, account), requestId);
    } catch (error) {
      if (error instanceof AwsError) return service.renderError(error, requestId, call);
      const message = error instanceof Error ? error.message : String(error);
      return service.renderError(new AwsError('InternalFailure', `fake-aws: ${message}`, 500, 'Receiver'), requestId, call);
    }
  }

  const server = createServer((message, response) => {
    counts.requests += 1;
    counts.inFlight += 1;
    counts.peakInFlight = Math.max(counts.peakInFlight, counts.inFlight);
    readRequest(message)
      .then(answer)
      .then((result) => send(response, result))
      .catch((error: unknown) => send(response, { status: 500, headers: {}, body: String(error) }))
      .finally(() => {
        counts.inFlight -= 1;
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    env: buildEnv(endpoint, account.state.region, Object.values(services)),
    stats: () => ({ ...counts }),
    resetStats: () => Object.assign(counts, { requests: 0, throttled: 0, peakInFlight: counts.inFlight }),
    setThrottle: (throttleOptions) => throttle.configure(throttleOptions),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
