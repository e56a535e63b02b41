import { Readable } from 'node:stream';
import { reportFailure } from '../../cli/describe-failure';
import { UsageError } from '../../cli/errors';
import { parseCliArgs } from '../../cli/parse-cli-args';

function captured() {
  const out = { stdout: '', stderr: '' };
  const io = { stdout: { write: (text: string) => ((out.stdout += text), true) }, stderr: { write: (text: string) => ((out.stderr += text), true) }, stdin: Readable.from([]), env: {}, now: Date.now };
  return { io, out };
}

describe('reportFailure', () => {
  it.each<[string, unknown, number]>([
    ['a usage error', new UsageError('--group needs a value'), 2],
    ['an AWS error', Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }), 1],
  ])('with --json, %s is also one JSON document on stdout, and the text on stderr', (_title, error, exitCode) => {
    const { io, out } = captured();

    const code = reportFailure(error, io, parseCliArgs(['status', '--json', '--local']).options);

    expect(code).toBe(exitCode);
    expect(JSON.parse(out.stdout)).toEqual({ error: { message: expect.any(String), exitCode } });
    expect(out.stderr).toMatch(/^instance-reaper: /);
  });

  it('without --json, stdout stays empty', () => {
    const { io, out } = captured();

    reportFailure(new UsageError('--group needs a value'), io, parseCliArgs(['status', '--local']).options);

    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('--group needs a value');
  });
});
