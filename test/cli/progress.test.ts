import { Readable } from 'node:stream';
import type { CliIo } from '../../cli/cli-io';
import { startProgress } from '../../cli/progress';

function io(isTTY: boolean): { io: CliIo; written: () => string } {
  let text = '';
  let now = 0;
  return {
    io: { stdout: { write: () => true }, stderr: { isTTY, write: (chunk: string) => (text += chunk) }, stdin: Readable.from([]), env: {}, now: () => (now += 1500) },
    written: () => text,
  };
}

describe('startProgress', () => {
  it('draws the label, elapsed time and AWS calls on a terminal, and clears its line when stopped', () => {
    const terminal = io(true);
    const progress = startProgress(terminal.io, 'Reading the fleet');
    progress.tick();
    progress.stop();

    const clearLine = '\r\u001b[2K';
    expect(terminal.written()).toBe(`${clearLine}| Reading the fleet (1s, 0 AWS calls)${clearLine}`);
  });

  it('writes nothing when stderr is not a terminal (piped, CI, --json captured)', () => {
    const piped = io(false);
    const progress = startProgress(piped.io, 'Reading the fleet');
    progress.tick();
    progress.stop();

    expect(piped.written()).toBe('');
  });
});
