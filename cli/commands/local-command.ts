import type { LocalAccount } from '../../local/local-account-store';
import type { CliArgs } from '../parse-cli-args';
import type { CliIo } from '../cli-io';
import { UsageError } from '../errors';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { emergencyLeftAfterRun } from '../emergency-left';
import { summarizeReport } from '../format-report';
import { formatTable } from '../format-table';
import { localStore } from '../local/local-store';
import { tickLocalAccount, type LocalStep } from '../local/tick-local-account';
import { withLocalAccount } from '../local/with-local-account';
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

function describeStep({ fleet, run }: LocalStep, step: number): string {
  const moved = `${fleet.terminated.length} terminated, ${fleet.inService.length} in service, ${fleet.launched.length} launched, ${fleet.terminating.length} terminating`;
  const ran = run ? `scheduled run: ${summarizeReport(run, 'done', emergencyLeftAfterRun(run))}` : 'no scheduled run (paused)';
  return `step ${step}: ${moved}\n  ${ran}`;
}

function reset(io: CliIo, output: Output): ExitCode {
  const local = localStore(io).reset();
  output.result(`Local account reset: the demo fleet, with the reaper deployed as stack InstanceReaper.\n\n${fleetTable(local)}`, { reset: true, groups: local.account.groupNames() });
  return EXIT_CODES.ok;
}

/** `local reset`: a fresh demo account. `local tick [N]`: N schedule intervals: the fleet moves on, then the scheduled run. */
export async function localCommand(args: CliArgs, io: CliIo, output: Output): Promise<ExitCode> {
  const [action, count, ...extra] = args.positionals;
  if (extra.length > 0 || (action === 'reset' && count !== undefined)) throw new UsageError(`too many arguments for 'local ${action ?? ''}'`);
  if (action === 'reset') return reset(io, output);
  if (action !== 'tick') throw new UsageError(`'local' takes 'reset' or 'tick [N]', got '${action ?? ''}'`);
  const steps = tickCount(count);
  return withLocalAccount(io, async (connection, local) => {
    const results = await tickLocalAccount(connection, local, steps, io.now);
    output.result(`${results.map((result, index) => describeStep(result, index + 1)).join('\n')}\n\n${fleetTable(local)}`, { steps: results });
    return EXIT_CODES.ok;
  });
}
