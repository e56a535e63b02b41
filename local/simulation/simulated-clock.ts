/**
 * Simulated time for the whole process: the local account and the bundled function both read `Date.now`,
 * which runs at real speed from a chosen start and jumps forward on `advance`.
 */
export class SimulatedClock {
  private readonly realNow = Date.now.bind(Date);
  private offset: number;

  constructor(start: number) {
    this.offset = start - this.realNow();
  }

  readonly now = (): number => this.realNow() + this.offset;

  advance(ms: number): void {
    this.offset += ms;
  }

  /** Makes `Date.now` simulated; returns the undo. */
  install(): () => void {
    const original = Date.now;
    Date.now = this.now;
    return () => {
      Date.now = original;
    };
  }
}
