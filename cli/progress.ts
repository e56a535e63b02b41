import type { CliIo } from './cli-io';

export interface Progress {
  /** Counts one AWS call, shown next to the label. */
  tick(): void;
  stop(): void;
}

const FRAMES = ['|', '/', '-', '\\'];
const silent: Progress = { tick: () => undefined, stop: () => undefined };

/**
 * A spinner with the elapsed time and AWS calls made, on stderr and only on a terminal: a scan of a
 * large fleet takes a while, and piped output or `--json` on stdout must stay clean.
 */
export function startProgress(io: CliIo, label: string): Progress {
  if (!io.stderr.isTTY) return silent;
  const started = io.now();
  let calls = 0;
  let frame = 0;
  const draw = (): void => {
    const seconds = Math.floor((io.now() - started) / 1000);
    io.stderr.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length] ?? ''} ${label} (${seconds}s, ${calls} AWS calls)`);
  };
  const timer = setInterval(draw, 120);
  timer.unref();
  draw();
  return {
    tick: () => {
      calls += 1;
    },
    stop: () => {
      clearInterval(timer);
      io.stderr.write('\r\x1b[2K');
    },
  };
}
