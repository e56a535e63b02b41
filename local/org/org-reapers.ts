import type { RunReport } from '../../lambda/model/report';
import type { FakeAccount } from '../fake-aws/account';
import { controlPlaneOf } from '../fake-aws/services/reaper-control-plane';
import { invokeBundle } from '../invoke-bundle';
import { deployLocalReaper } from '../local-reaper-deployment';
import type { SynthesizedFunction } from '../synthesized-bundle';
import type { OrgServer } from './org-server';
import { scheduledEvent } from '../scheduled-event';

/** The reaper deployed in one member account, reporting to the central bus. */
export interface OrgReaper {
  readonly name: string;
  readonly account: FakeAccount;
  readonly ruleName: string;
  /** The function's environment as deployed, with this account's credentials and the fake's endpoints. */
  readonly env: Readonly<Record<string, string>>;
}

export interface RoundResult {
  readonly name: string;
  /** False when the account's schedule is disabled: nothing ran. */
  readonly ran: boolean;
  readonly report?: RunReport;
  readonly error?: string;
}

/** Deploys the synthesized function in each account as the StackSet would, with REAPER_CENTRAL_BUS_ARN set to the central bus. */
export function deployOrgReapers(
  members: readonly { readonly name: string; readonly account: FakeAccount }[],
  server: OrgServer,
  fn: SynthesizedFunction,
  settings: { readonly centralBusArn: string; readonly environment?: Readonly<Record<string, string>> },
): OrgReaper[] {
  return members.map(({ name, account }) => {
    const plane = deployLocalReaper(account, { ...fn.environment, ...settings.environment, REAPER_CENTRAL_BUS_ARN: settings.centralBusArn }, account.now());
    const [functionRecord] = Object.values(plane.state.functions);
    const [rule] = Object.values(plane.state.rules);
    if (!functionRecord || !rule) throw new Error(`local organization: the reaper was not deployed in ${name}`);
    const env = { ...functionRecord.environment, ...server.envFor(account.state.accountId), AWS_LAMBDA_FUNCTION_NAME: functionRecord.name };
    return { name, account, ruleName: rule.name, env };
  });
}

/** Stops an account's reaper as an operator would: its schedule rule disabled. */
export function disableSchedule(reaper: OrgReaper): void {
  controlPlaneOf(reaper.account).rule(reaper.ruleName).state = 'DISABLED';
}

/**
 * One scheduled round: every account whose schedule is enabled runs the bundle once, at `at`, in a fresh process
 * (as a Lambda cold start), all accounts at once as their schedules would fire.
 */
export async function runRound(reapers: readonly OrgReaper[], bundlePath: string, at: number): Promise<RoundResult[]> {
  return Promise.all(
    reapers.map(async (reaper): Promise<RoundResult> => {
      if (controlPlaneOf(reaper.account).rule(reaper.ruleName).state !== 'ENABLED') return { name: reaper.name, ran: false };
      const invocation = await invokeBundle(bundlePath, { ...reaper.env }, scheduledEvent(reaper.account.state, at, `org-sim-${reaper.account.state.accountId}-${at}`), at);
      if (invocation.error !== undefined) return { name: reaper.name, ran: true, error: invocation.error };
      return { name: reaper.name, ran: true, report: invocation.result as RunReport };
    }),
  );
}
