import type { ReaperEnv } from '../../lambda/config/env-schema';
import type { ManualEvent } from '../../lambda/config/event-schema';
import { mergeRunPolicy } from '../../lambda/config/load-run-policy';
import { countBy } from '../../lambda/util/count-by';
import type { CliClients } from '../aws/cli-clients';
import { findDeployment, type Deployment, type DeploymentTarget } from '../aws/find-deployment';
import { decideNextRun } from '../commands/plan-command';
import { loadDeployedEnv } from '../configured-policy';
import { CommandFailedError } from '../errors';
import { assumeRoleOf, type MemberOutcome } from './org-row';
import type { AssumeRoleFailure } from './assume-role-failure';

/** The next run in one account and region, in a few numbers. */
export interface PlanSummary {
  readonly terminate: number;
  /** Deferred instances counted by why, in order of first appearance. */
  readonly deferred: Readonly<Record<string, number>>;
  readonly unmanaged: number;
  readonly errors: number;
  readonly emergencyLeft: number;
  /** The deployed policy is a dry run: the next run terminates nothing, whatever it finds due. */
  readonly deployedDryRun: boolean;
}

export type PlanState = 'would terminate' | 'would wait' | 'nothing due' | 'misconfigured' | 'not deployed' | 'unreachable';

export interface PlanRow {
  readonly account: string;
  readonly name?: string;
  readonly region: string;
  readonly state: PlanState;
  readonly why: readonly string[];
  readonly summary?: PlanSummary;
  /** Unreachable because the reader role could not be assumed: why, as data. */
  readonly assumeRole?: AssumeRoleFailure;
}

type MemberPlan = { readonly summary: PlanSummary } | { readonly misconfigured: string };

/** A misconfigured function fails every run; in one account of many that is its row's answer, not the command's failure. */
function deployedEnv(deployment: Deployment): ReaperEnv | { readonly misconfigured: string } {
  try {
    return loadDeployedEnv(deployment);
  } catch (error) {
    if (error instanceof CommandFailedError) return { misconfigured: error.message };
    throw error;
  }
}

/** `plan` in one member account: the deployed policy with the flags' overrides, as a dry run. Reads only. */
export async function readMemberPlan(clients: CliClients, target: DeploymentTarget, event: ManualEvent, now: number): Promise<MemberPlan> {
  const deployment = await findDeployment(clients, target);
  const env = deployedEnv(deployment);
  if ('misconfigured' in env) return env;
  const { report, emergencyLeft } = await decideNextRun(clients, mergeRunPolicy(env, { ...event, dryRun: true }), now);
  return {
    summary: {
      terminate: report.terminated.length,
      deferred: countBy(report.deferred, (entry) => entry.why),
      unmanaged: report.unmanaged.length,
      errors: report.errors.length,
      emergencyLeft,
      deployedDryRun: env.REAPER_DRY_RUN,
    },
  };
}

function summaryWhy(summary: PlanSummary): string[] {
  const deferred = Object.entries(summary.deferred).map(([why, count]) => `${why} ${count}`);
  return [
    ...(summary.deployedDryRun && summary.terminate > 0 ? ['the deployed policy is a dry run: it terminates nothing'] : []),
    ...(deferred.length > 0 ? [`deferred: ${deferred.join(', ')}`] : []),
    ...(summary.unmanaged > 0 ? [`${summary.unmanaged} unmanaged (report only)`] : []),
    ...(summary.errors > 0 ? [`${summary.errors} errors`] : []),
    ...(summary.emergencyLeft > 0 ? [`emergency left ${summary.emergencyLeft}`] : []),
  ];
}

function summaryState(summary: PlanSummary): PlanState {
  if (summary.terminate > 0) return 'would terminate';
  return Object.keys(summary.deferred).length > 0 ? 'would wait' : 'nothing due';
}

export function planRow(outcome: MemberOutcome<MemberPlan>): PlanRow {
  const { account, region } = outcome.target;
  const where = { account: account.id, ...(account.name ? { name: account.name } : {}), region };
  if (outcome.kind !== 'read') return { ...where, state: outcome.kind, why: [outcome.why], ...assumeRoleOf(outcome) };
  if ('misconfigured' in outcome.value) return { ...where, state: 'misconfigured', why: [outcome.value.misconfigured] };
  const { summary } = outcome.value;
  return { ...where, state: summaryState(summary), why: summaryWhy(summary), summary };
}
