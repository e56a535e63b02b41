import { createInterface } from 'node:readline';
import type { CliIo } from './cli-io';

/**
 * Asks on stderr and reads one line from stdin; only `y` or `yes` agrees. End of input (a script
 * with nothing on stdin) counts as no, so nothing changes unless someone said so or passed --yes.
 */
export function confirm(io: CliIo, question: string): Promise<boolean> {
  io.stderr.write(`${question} [y/N] `);
  const lines = createInterface({ input: io.stdin, terminal: false });
  return new Promise((resolve) => {
    let answered = false;
    lines.once('line', (line) => {
      answered = true;
      // Resolve before closing: close() emits 'close' at once, which would otherwise answer no first.
      resolve(/^\s*y(es)?\s*$/i.test(line));
      lines.close();
    });
    lines.once('close', () => {
      if (!answered) io.stderr.write('\n');
      resolve(false);
    });
  });
}
