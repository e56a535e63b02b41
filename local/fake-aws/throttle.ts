import { seededRandom } from '../seeded-random';

export interface ThrottleOptions {
  /** Share of calls answered with the service's throttling error, 0..1. */
  readonly rate: number;
  /** PRNG seed: the same seed and call order throttle the same calls. */
  readonly seed?: number;
  /** Limit to these signing names (e.g. `['ec2', 'autoscaling']`); default every service. */
  readonly services?: readonly string[];
  /** Limit to these actions; default every action. */
  readonly actions?: readonly string[];
}

export class Throttle {
  private options: ThrottleOptions = { rate: 0 };
  private random: () => number = seededRandom(0);

  constructor(options?: ThrottleOptions) {
    if (options) this.configure(options);
  }

  configure(options: ThrottleOptions | undefined): void {
    this.options = options ?? { rate: 0 };
    this.random = seededRandom(this.options.seed ?? 1);
  }

  shouldThrottle(service: string, action: string): boolean {
    const { rate, services, actions } = this.options;
    if (rate <= 0) return false;
    if (services && !services.includes(service)) return false;
    if (actions && !actions.includes(action)) return false;
    return this.random() < rate;
  }
}
