import type { DecodedCall, FakeService, RawRequest, RawResponse } from '../local/fake-aws/protocol/service';
import { SERVICES } from '../local/fake-aws/services/registry';

/** One answered call: when it arrived and when its answer was ready (epoch ms). */
export interface TimedCall {
  readonly action: string;
  readonly arrivedAt: number;
  readonly answeredAt: number;
  /** The answer's body, in bytes. */
  readonly bytes: number;
}

/**
 * The fake's services, each wrapped to note when a call arrives, when its answer is rendered and its size, so the bench
 * can tell how long the reads took before the first change and how many bytes each call brought. Behaviour is untouched.
 */
export function timedServices(): { services: Record<string, FakeService>; calls: TimedCall[] } {
  const calls: TimedCall[] = [];
  const arrivals = new WeakMap<DecodedCall, number>();
  const answered = (call: DecodedCall | undefined, response: RawResponse): RawResponse => {
    if (call) calls.push({ action: call.action, arrivedAt: arrivals.get(call) ?? Date.now(), answeredAt: Date.now(), bytes: Buffer.byteLength(response.body) });
    return response;
  };
  const services = Object.fromEntries(
    Object.entries(SERVICES).map(([name, service]): [string, FakeService] => {
      const timed: FakeService = Object.create(service) as FakeService;
      return [
        name,
        Object.assign(timed, {
          decode: (request: RawRequest) => {
            const call = service.decode(request);
            arrivals.set(call, Date.now());
            return call;
          },
          render: (call: DecodedCall, output: unknown, requestId: string) => answered(call, service.render(call, output, requestId)),
          renderError: (...args: Parameters<FakeService['renderError']>) => answered(args[2], service.renderError(...args)),
        }),
      ];
    }),
  );
  return { services, calls };
}
