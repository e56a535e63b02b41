/** One measured figure, with the target it is held to when the issue sets one. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The figure passes when it is at most this (same unit). */
  readonly atMost?: number;
  /** What the figure is compared with, or how it was measured. */
  readonly note?: string;
}

/** A part of the bench: one module that measures one thing and returns its figures. */
export interface BenchSection {
  /** Short name to run this section alone: `npm run bench -- decision`. */
  readonly id: string;
  readonly title: string;
  readonly measure: () => Promise<readonly Figure[]>;
}
