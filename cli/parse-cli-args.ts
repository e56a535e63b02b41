import { parseArgs } from 'node:util';
import { closestName } from '../infra/closest-name';
import { UsageError } from './errors';

export const COMMANDS = ['plan', 'rotate', 'unblock', 'pause', 'resume', 'status', 'local', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

const OPTION_SPEC = {
  profile: { type: 'string' },
  region: { type: 'string' },
  local: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  stack: { type: 'string' },
  function: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  force: { type: 'boolean' },
  group: { type: 'string', multiple: true },
  ami: { type: 'string', multiple: true },
  instance: { type: 'string', multiple: true },
  'max-age-days': { type: 'string' },
  'ami-max-age-days': { type: 'string' },
  'max-terminations': { type: 'string' },
  'max-terminations-per-group': { type: 'string' },
  forecast: { type: 'string' },
  every: { type: 'string' },
  window: { type: 'string' },
  'grace-days': { type: 'string' },
  org: { type: 'boolean' },
  accounts: { type: 'string', multiple: true },
  ou: { type: 'string' },
  regions: { type: 'string', multiple: true },
  'role-name': { type: 'string' },
} as const;

type OptionName = keyof typeof OPTION_SPEC;

const CONNECTION: readonly OptionName[] = ['profile', 'region', 'local', 'json', 'help', 'stack', 'function'];
const OVERRIDES: readonly OptionName[] = ['group', 'ami', 'instance', 'max-age-days', 'ami-max-age-days', 'max-terminations', 'max-terminations-per-group'];
const FORECAST: readonly OptionName[] = ['forecast', 'every', 'window', 'grace-days'];
const ORG: readonly OptionName[] = ['org', 'accounts', 'ou', 'regions', 'role-name'];
/** What `--org` cannot combine with: a forecast, or a check of named IDs that exist in some accounts only (`--local` is the local organization). */
const NOT_WITH_ORG: readonly OptionName[] = ['forecast', 'every', 'window', 'grace-days', 'force'];

/** Which options each command takes: an option a command would ignore is refused, so a mistyped command line never half-works. */
const COMMAND_OPTIONS: Readonly<Record<Command, readonly OptionName[]>> = {
  plan: [...CONNECTION, ...OVERRIDES, ...FORECAST, 'force', ...ORG],
  rotate: [...CONNECTION, 'group', 'ami', 'instance', 'yes', 'force'],
  unblock: [...CONNECTION, 'group', 'ami'],
  pause: CONNECTION,
  resume: CONNECTION,
  status: [...CONNECTION, ...ORG],
  local: ['json', 'help'],
  help: ['help'],
};

export interface CliOptions {
  readonly profile?: string;
  readonly region?: string;
  readonly local: boolean;
  readonly json: boolean;
  readonly help: boolean;
  /** Undefined: the default stack name, or discovery when it does not exist. */
  readonly stack?: string;
  readonly functionName?: string;
  readonly yes: boolean;
  /** Go on with an AMI or instance ID that exists nowhere (refused otherwise). */
  readonly force: boolean;
  readonly groups: readonly string[];
  readonly amiIds: readonly string[];
  readonly instanceIds: readonly string[];
  /** Numbers stay text here: the event schema judges them, so the CLI and the function refuse the same values. */
  readonly maxAgeDays?: string;
  readonly amiMaxAgeDays?: string;
  readonly maxTerminations?: string;
  readonly maxTerminationsPerGroup?: string;
  /** `plan --forecast DAYS` and the flags only a forecast takes, as text: `forecastOptions` judges them. */
  readonly forecast?: string;
  readonly every?: string;
  readonly window?: string;
  readonly graceDays?: string;
  /** `status --org` / `plan --org`: every member account; the values are judged by `orgOptions`. */
  readonly org: boolean;
  readonly accounts: readonly string[];
  readonly ou?: string;
  readonly regions: readonly string[];
  readonly roleName?: string;
}

export interface CliArgs {
  readonly command: Command;
  /** Words after the command, e.g. `tick 3` for `local tick 3`. */
  readonly positionals: readonly string[];
  readonly options: CliOptions;
}

/** `--ami ami-1,ami-2` and `--ami ami-1 --ami ami-2` mean the same. */
const list = (values: readonly string[] | undefined): string[] =>
  (values ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);

function readCommand(word: string | undefined): Command {
  if (word === undefined) return 'help';
  if ((COMMANDS as readonly string[]).includes(word)) return word as Command;
  const meant = closestName(word, COMMANDS);
  throw new UsageError(`unknown command '${word}'; ${meant ? `did you mean ${meant}?` : `commands: ${COMMANDS.join(', ')}`}`);
}

/** What `--local` cannot take: the local account has no profile or region. */
const NOT_WITH_LOCAL: readonly OptionName[] = ['profile', 'region'];

/** `--max-age-days -1` is the value -1, for the range check to refuse (parseArgs would call it ambiguous). */
function attachNegativeNumbers(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const word = argv[index] ?? '';
    const next = argv[index + 1];
    const takesValue = word.startsWith('--') && OPTION_SPEC[word.slice(2) as OptionName]?.type === 'string';
    if (takesValue && next !== undefined && /^-\d/.test(next)) {
      args.push(`${word}=${next}`);
      index += 1;
    } else args.push(word);
  }
  return args;
}

/** `Unknown option '--grup'; did you mean --group?`, naming only what this command line would take (no --region with --local, no --regions without --org). */
function unknownOption(argv: readonly string[], name: string): string {
  const command = argv.find((word): word is Command => (COMMANDS as readonly string[]).includes(word));
  const offered = (command ? COMMAND_OPTIONS[command] : (Object.keys(OPTION_SPEC) as OptionName[])).filter(
    (option) => !(argv.includes('--local') && NOT_WITH_LOCAL.includes(option)) && (argv.includes('--org') || option === 'org' || !ORG.includes(option)),
  );
  const meant = name.startsWith('--') ? closestName(name.slice(2), offered) : undefined;
  return `Unknown option '${name}'${meant ? `; did you mean --${meant}?` : ''}`;
}

function parseRaw(argv: readonly string[]): ReturnType<typeof parseArgs<{ options: typeof OPTION_SPEC; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: attachNegativeNumbers(argv), options: OPTION_SPEC, allowPositionals: true, strict: true });
  } catch (error) {
    const unknown = (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'([^']+)'/.exec((error as Error).message)?.[1] : undefined;
    throw new UsageError(unknown ? unknownOption(argv, unknown) : (error as Error).message, { cause: error });
  }
}

function checkAllowed(command: Command, given: readonly string[], positionals: readonly string[]): void {
  const refused = given.filter((name) => !COMMAND_OPTIONS[command].includes(name as OptionName));
  if (refused.length > 0) throw new UsageError(`'${command}' does not take ${refused.map((name) => `--${name}`).join(', ')}`);
  if (command !== 'local' && positionals.length > 0) throw new UsageError(`'${command}' takes no arguments, got '${positionals.join(' ')}'`);
}

function checkOrg(given: readonly string[]): void {
  if (!given.includes('org')) {
    const orgOnly = ORG.filter((name) => given.includes(name));
    if (orgOnly.length > 0) throw new UsageError(`${orgOnly.map((name) => `--${name}`).join(', ')} only go with --org`);
    return;
  }
  const refused = NOT_WITH_ORG.filter((name) => given.includes(name));
  if (refused.length > 0) throw new UsageError(`--org does not take ${refused.map((name) => `--${name}`).join(', ')}`);
  if (given.includes('accounts') && given.includes('ou')) throw new UsageError('--accounts names the accounts, --ou finds them: give one of the two');
}

/** Parses the command line; anything unknown, misplaced or missing a value is a UsageError (exit 2) before any AWS call. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values, positionals } = parseRaw(argv);
  const command = readCommand(positionals[0]);
  checkAllowed(command, Object.keys(values), positionals.slice(1));
  checkOrg(Object.keys(values));
  if (values.local && (values.profile !== undefined || values.region !== undefined)) {
    throw new UsageError('--local runs against the local account; --profile and --region do not apply');
  }
  const options: CliOptions = {
    profile: values.profile,
    region: values.region,
    local: values.local ?? false,
    json: values.json ?? false,
    help: values.help ?? false,
    stack: values.stack,
    functionName: values.function,
    yes: values.yes ?? false,
    force: values.force ?? false,
    groups: list(values.group),
    amiIds: list(values.ami),
    instanceIds: list(values.instance),
    maxAgeDays: values['max-age-days'],
    amiMaxAgeDays: values['ami-max-age-days'],
    maxTerminations: values['max-terminations'],
    maxTerminationsPerGroup: values['max-terminations-per-group'],
    forecast: values.forecast,
    every: values.every,
    window: values.window,
    graceDays: values['grace-days'],
    org: values.org ?? false,
    accounts: list(values.accounts),
    ou: values.ou,
    regions: list(values.regions),
    roleName: values['role-name'],
  };
  return { command, positionals: positionals.slice(1), options };
}
