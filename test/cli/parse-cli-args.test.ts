import { UsageError } from '../../cli/errors';
import { parseCliArgs } from '../../cli/parse-cli-args';
import { runCaptured } from './cli-harness';

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

  it.each([
    ['a misspelt option', ['plan', '--grup', 'web'], "Unknown option '--grup'; did you mean --group?"],
    ['a misspelt option with its value attached', ['plan', '--max-age-day=3'], "Unknown option '--max-age-day'; did you mean --max-age-days?"],
    ['a misspelt option of the command given', ['rotate', '--instanse', 'i-0abc'], "Unknown option '--instanse'; did you mean --instance?"],
    ['a misspelt command', ['rotat'], "unknown command 'rotat'; did you mean rotate?"],
  ])('names what was meant for %s', (_title, argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it.each([
    ['--region', ['plan', '--local', '--regin', 'eu-west-1']],
    ['--profile', ['status', '--local', '--profle', 'prod']],
  ])('does not suggest %s with --local, which does not take it', (_flag, argv) => {
    expect(() => parseCliArgs(argv)).toThrow(/^Unknown option '--\w+'$/);
  });

  it('gives no advice about positional arguments for an unknown option', () => {
    expect(() => parseCliArgs(['plan', '-x'])).toThrow(/^Unknown option '-x'$/);
  });

  it('does not suggest an option the command does not take', () => {
    expect(() => parseCliArgs(['status', '--amy', 'ami-1'])).toThrow(/^Unknown option '--amy'$/);
  });

  it('reads a negative number as the option\'s value, for the range check to refuse', () => {
    expect(parseCliArgs(['plan', '--max-age-days', '-1']).options.maxAgeDays).toBe('-1');
  });

  it.each([
    ['--max-age-days', ['plan', '--max-age-days', '-1'], '--max-age-days -1: expected a number >= 0'],
    ['--max-terminations', ['plan', '--max-terminations', '-3'], '--max-terminations -3: expected a whole number >= 0'],
    ['--forecast', ['plan', '--forecast', '-3'], '--forecast "-3": expected a whole number of days from 1 to 30'],
    ['--grace-days', ['plan', '--forecast', '3', '--grace-days', '-2'], '--grace-days "-2"'],
  ])('refuses a negative %s as out of range, exit 2, before any AWS call', async (_flag, argv, message) => {
    const { code, stderr } = await runCaptured(argv);

    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toContain('ambiguous');
  });
});
