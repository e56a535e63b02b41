import type { TickResult } from '../../local/fake-aws/tick';
import type { LocalAccount } from '../../local/local-account-store';
import type { CliArgs } from '../parse-cli-args';
import type { CliIo } from '../cli-io';
import { UsageError } from '../errors';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { formatTable } from '../format-table';
import { localStore } from '../local/local-store';
import type { Output } from '../output';

const MAX_TICKS = 1000;

function tickCount(text: string | undefined): number {
  if (text === undefined) return 1;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_TICKS) throw new UsageError(`'local tick' takes a number of steps from 1 to ${MAX_TICKS}, got '${text}'`);
  return Number(text);
}

/** Instances per group and lifecycle state: what a converging rotation looks like. */
function fleetTable(local: LocalAccount): string {
  const rows = local.account.groupNames().map((name) => {
    const group = local.account.group(name);
    const states = new Map<string, number>();
    for (const member of group.members) states.set(member.lifecycleState, (states.get(member.lifecycleState) ?? 0) + 1);
    return [name, String(group.desiredCapacity), [...states].map(([state, count]) => `${state} ${count}`).join(', ') || '-'];
  });
  return formatTable(['GROUP', 'DESIRED', 'INSTANCES'], rows);
}

const describeTick = (result: TickResult, step: number): string =>
  `step ${step}: ${result.terminated.length} terminated, ${result.inService.length} in service, ${result.launched.length} launched, ${result.terminating.length} terminating`;

/** `local reset`: a fresh demo account. `local tick [N]`: N steps of time, so replacements come into service and terminations finish. */
export function localCommand(args: CliArgs, io: CliIo, output: Output): Promise<ExitCode> {
  const [action, count, ...extra] = args.positionals;
  if (extra.length > 0 || (action === 'reset' && count !== undefined)) throw new UsageError(`too many arguments for 'local ${action ?? ''}'`);
  const store = localStore(io);
  if (action === 'reset') {
    const local = store.reset();
    output.result(`Local account reset: the demo fleet, with the reaper deployed as stack InstanceReaper.\n\n${fleetTable(local)}`, { reset: true, groups: local.account.groupNames() });
    return Promise.resolve(EXIT_CODES.ok);
  }
  if (action !== 'tick') throw new UsageError(`'local' takes 'reset' or 'tick [N]', got '${action ?? ''}'`);
  const steps = tickCount(count);
  const { local } = store.load();
  const results = Array.from({ length: steps }, () => local.account.tick());
  store.save(local);
  const human = `${results.map((result, index) => describeTick(result, index + 1)).join('\n')}\n\n${fleetTable(local)}`;
  output.result(human, { steps: results });
  return Promise.resolve(EXIT_CODES.ok);
}
