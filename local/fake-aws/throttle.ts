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

/** mulberry32: small, fast and good enough to spread throttles evenly; seeded for reproducible runs. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Throttle {
  private options: ThrottleOptions = { rate: 0 };
  private random: () => number = mulberry32(0);

  constructor(options?: ThrottleOptions) {
    if (options) this.configure(options);
  }

  configure(options: ThrottleOptions | undefined): void {
    this.options = options ?? { rate: 0 };
    this.random = mulberry32(this.options.seed ?? 1);
  }

  shouldThrottle(service: string, action: string): boolean {
    const { rate, services, actions } = this.options;
    if (rate <= 0) return false;
    if (services && !services.includes(service)) return false;
    if (actions && !actions.includes(action)) return false;
    return this.random() < rate;
  }
}
