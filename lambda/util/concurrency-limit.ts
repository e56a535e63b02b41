/** At most `max` tasks at once across every caller; the others wait their turn in arrival order. */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.max) this.running += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // A finishing task hands its slot straight to the next in line, so the count never overshoots.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
