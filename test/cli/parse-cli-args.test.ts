import { UsageError } from '../../cli/errors';
import { parseCliArgs } from '../../cli/parse-cli-args';

describe('parseCliArgs', () => {
  it('reads repeated and comma-separated lists alike', () => {
    const { command, options } = parseCliArgs(['rotate', '--ami', 'ami-1,ami-2', '--ami', 'ami-3', '--yes', '--region', 'eu-west-1']);

    expect(command).toBe('rotate');
    expect(options).toMatchObject({ amiIds: ['ami-1', 'ami-2', 'ami-3'], yes: true, region: 'eu-west-1', local: false, json: false });
  });

  it('is help without a command', () => {
    expect(parseCliArgs([]).command).toBe('help');
  });

  it('keeps local sub-commands as positionals', () => {
    expect(parseCliArgs(['local', 'tick', '3']).positionals).toEqual(['tick', '3']);
  });

  it.each([
    ['an unknown command', ['rotat'], "unknown command 'rotat'"],
    ['an unknown option', ['plan', '--dry-run'], "Unknown option '--dry-run'"],
    ['an option without its value', ['plan', '--group'], "Option '--group <value>' argument missing"],
    ['an option of another command', ['status', '--ami', 'ami-1'], "'status' does not take --ami"],
    ['an argument to a command that takes none', ['resume', 'web'], "'resume' takes no arguments, got 'web'"],
    ['--local with --profile', ['plan', '--local', '--profile', 'prod'], '--local runs against the local account'],
  ])('refuses %s', (_title, argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
