import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { AwsClients } from './clients';
import type { RunSettings } from './config/load-run-policy';
import { executePlan, simulatePlan } from './execute/execute-plan';
import { notify } from './execute/notify';
import { sendRunSummary } from './execute/send-run-summary';
import { kmsSurgeSigner } from './execute/sign-surge-record';
import { eventBusRegion } from './config/event-bus-arn';
import { readFleet } from './inventory/read-fleet';
import { readGroupGates } from './inventory/read-group-gates';
import { readGroupsNow } from './inventory/read-groups-now';
import type { GroupGates } from './model/fleet';
import type { RunReport } from './model/report';
import { buildPlan } from './plan/build-plan';
import { planOrderOf } from './plan/plan-order';
import { actingGroups, guardAtWrite } from './plan/guard-at-write';
import type { Plan } from './plan/plan';
import type { FleetEvaluation } from './policy/evaluation';
import { evaluateFleet } from './policy/evaluate-fleet';
import { staleLaunches } from './policy/stale-launches';
import { buildReport } from './report/build-report';
import { logReport } from './report/log-report';
import { notificationSummary } from './report/notification-summary';
import { logGroupFreshness, publishMetrics } from './report/publish-metrics';
import { buildRunSummary, type SummaryOrigin } from './report/run-summary';

export interface RunDependencies {
  readonly clients: AwsClients;
  readonly settings: RunSettings;
  readonly now: number;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Where the function runs (its account from its ARN, its region from AWS_REGION): named in the run's summary. */
  readonly origin?: { readonly account?: string; readonly region?: string };
  /** The ID every `run report` line names (the Lambda request ID); a generated one when not given. */
  readonly runId?: string;
}

export interface DecidedRun {
  readonly plan: Plan;
  readonly evaluation: FleetEvaluation;
  /** The gates read for the groups next in line: the guard at the write judges their fresh state with them. */
  readonly gates: ReadonlyMap<string, GroupGates>;
}

/**
 * Reads the fleet and decides, changing nothing. The function and the CLI's `plan` share it. `onEvaluated` sees the
 * fleet's evaluation as soon as it is made, before the gates are read.
 */
export async function decideRun(clients: AwsClients, settings: RunSettings, now: number, onEvaluated?: (evaluation: FleetEvaluation) => void): Promise<DecidedRun> {
  const { policy } = settings;
  const snapshot = await readFleet(clients, { groups: policy.groups, blockedAmisParameter: settings.blockedAmisParameter, stateKeyArn: settings.stateKeyArn });
  const evaluation = evaluateFleet(snapshot, policy, now);
  onEvaluated?.(evaluation);
  const scanned = { groups: snapshot.groups.length, instances: evaluation.scannedInstances };
  const byName = new Map(evaluation.groups.map((group) => [group.group.name, group]));
  const gates = new Map<string, GroupGates>();
  const order = planOrderOf(evaluation);
  // Gates are read in plan order, only for groups next in line to act, while the run's budget can still be spent:
  // a group held by its gates gives its place to the next one, which is read in the next round.
  for (;;) {
    const plan = buildPlan({ evaluation, gates, policy, now, scanned, order });
    if (plan.gatesWanted.length === 0) return { plan, evaluation, gates };
    const next = plan.gatesWanted.slice(0, Math.max(1, policy.maxTerminations)).flatMap((name) => {
      const group = byName.get(name);
      if (!group) return [];
      // A group with a bake time reads when its launches since the bake began ended: the bake counts from then.
      const bake = group.settings.bakeMinutes;
      return [{ group: group.group, alarmNames: group.settings.alarmNames, ...(bake === undefined ? {} : { bakeSince: now - bake * 60_000 }) }];
    });
    if (next.length === 0) return { plan, evaluation, gates };
    for (const [name, read] of await readGroupGates(clients, next)) gates.set(name, read);
  }
}

/**
 * The plan held to the acting groups as they are just before the first write (contract section 9): read again, all at
 * once; if that read fails, nothing is written and the run says why.
 */
async function guardedPlan(clients: AwsClients, decided: DecidedRun): Promise<Plan> {
  const { plan } = decided;
  const acting = actingGroups(plan);
  if (acting.length === 0) return plan;
  const fresh = await readGroupsNow(clients, acting);
  if ('failure' in fresh) {
    const { code, message } = fresh.failure;
    const failure = { code, message: `the groups could not be read again just before the first write (${message}); nothing was changed this run` };
    return guardAtWrite({ ...decided, fresh: new Map(), failure });
  }
  return guardAtWrite({ ...decided, fresh });
}

/** Sends the run's summary to the central bus, if one is configured; a summary that could not be sent is one of the run's errors. */
async function reportCentrally(clients: AwsClients, busArn: string | undefined, report: RunReport, evaluation: FleetEvaluation, origin: SummaryOrigin): Promise<RunReport> {
  if (!busArn) return report;
  const failure = await sendRunSummary(clients.eventBridgeIn(eventBusRegion(busArn)), busArn, buildRunSummary(report, evaluation, origin));
  return failure ? { ...report, errors: [...report.errors, { code: 'notify-failed', message: `run summary not sent to ${busArn}: ${failure}` }] } : report;
}

/**
 * Tells people on the topic what the run did, when there is something to tell; a summary the topic did not take is one
 * of the run's errors, so the Errors metric and its alarm count it. The summary is made from the report before it is
 * sent: it holds the run's every other error, never its own failure.
 */
async function notifyPeople(clients: AwsClients, logger: Logger, topicArn: string | undefined, report: RunReport): Promise<RunReport> {
  const summary = notificationSummary(report);
  if (!summary || !topicArn) return report;
  const failure = await notify(clients.sns, topicArn, summary);
  if (!failure) return report;
  logger.warn('notification failed', { topicArn, error: failure });
  return { ...report, errors: [...report.errors, { code: 'notify-failed', message: `run summary not published to ${topicArn}: ${failure}` }] };
}

/** Reads the fleet, decides, acts (unless dry run) and returns the report. */
export async function runReaper({ clients, settings, now, logger, metrics, origin, runId }: RunDependencies): Promise<RunReport> {
  const { policy } = settings;
  // A line per group (1,000 lines in a large account) needs only the evaluation: written while the gates and the
  // writes wait on AWS (setImmediate: once those calls are on their way), not after them.
  let freshnessLogged: Promise<void> = Promise.resolve();
  const logFreshness = (evaluation: FleetEvaluation) => {
    freshnessLogged = new Promise((resolve) => setImmediate(() => resolve(logGroupFreshness(logger, evaluation))));
  };
  const decided = await decideRun(clients, settings, now, logFreshness);
  const { evaluation } = decided;
  const plan = policy.dryRun ? decided.plan : await guardedPlan(clients, decided);
  const outcome = policy.dryRun ? simulatePlan(plan) : await executePlan(clients.autoScaling, plan, { signSurgeRecord: kmsSurgeSigner(clients.kms, settings.stateKeyArn) });
  const built = buildReport(plan, outcome, evaluation);
  // People first, then the central bus: a summary the topic did not take reaches the organization's view; one the bus
  // did not take reaches people through the Errors alarm. Both are in the report logged and counted below.
  const notified = await notifyPeople(clients, logger, settings.topicArn, built);
  const report = await reportCentrally(clients, settings.centralBusArn, notified, evaluation, { ...origin, now });

  await freshnessLogged;
  logReport(logger, report, runId ?? randomUUID());
  for (const stale of staleLaunches(evaluation)) {
    logger.warn('group launches a stale AMI: its replacements will be due again until its launch template changes', { ...stale });
  }
  publishMetrics(metrics, report, evaluation);
  return report;
}
