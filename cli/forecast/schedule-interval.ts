import { readSchedules, type ScheduleState } from '../aws/function-control';
import type { Deployment } from '../aws/find-deployment';
import type { CommandContext } from '../command-context';

/** The construct's default schedule, `rate(15 minutes)`. */
export const DEFAULT_INTERVAL_MS = 15 * 60_000;

export interface ScheduleInterval {
  readonly intervalMs: number;
  /** Where the interval came from, for the header. */
  readonly source: string;
  /** What the operator should know about the deployed schedule: paused, unreadable, not a rate. */
  readonly notes: readonly string[];
}

const UNIT_MS: Readonly<Record<string, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** `rate(15 minutes)` -> 900000; a cron expression has no single interval. */
export function rateMs(expression: string | undefined): number | undefined {
  const match = /^rate\((\d+)\s+(minute|hour|day)s?\)$/.exec(expression?.trim() ?? '');
  return match ? Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN) : undefined;
}

interface DeployedSchedule {
  readonly rate?: ScheduleState;
  readonly notes: readonly string[];
}

/** Read even with `--every`: a paused schedule is worth saying whatever the interval. */
async function readDeployedSchedule(context: CommandContext, deployment: Deployment): Promise<DeployedSchedule> {
  let schedules: ScheduleState[];
  try {
    schedules = await readSchedules(context.clients, deployment);
  } catch (error) {
    return { notes: [`The deployed schedule could not be read (${error instanceof Error ? error.name : String(error)}).`] };
  }
  const rate = schedules.find((schedule) => rateMs(schedule.expression) !== undefined);
  const paused = schedules.length > 0 && schedules.every((schedule) => schedule.state !== 'ENABLED');
  const expressions = schedules.map((schedule) => schedule.expression ?? '?').join(', ') || 'none found';
  return {
    ...(rate ? { rate } : {}),
    notes: [
      ...(rate ? [] : [`The deployed schedule is not a rate (${expressions}).`]),
      ...(paused ? ['The deployed schedule is disabled (paused): the forecast assumes it runs.'] : []),
    ],
  };
}

/** How often the forecast runs: `--every`, else the deployed schedule's rate, else the construct's default. */
export async function scheduleInterval(context: CommandContext, deployment: Deployment | undefined, everyMs: number | undefined): Promise<ScheduleInterval> {
  const deployed: DeployedSchedule = deployment ? await readDeployedSchedule(context, deployment) : { notes: [] };
  if (everyMs !== undefined) return { intervalMs: everyMs, source: '--every', notes: deployed.notes };
  const rate = rateMs(deployed.rate?.expression);
  if (rate !== undefined) return { intervalMs: rate, source: `the deployed schedule, ${deployed.rate?.expression ?? ''}`, notes: deployed.notes };
  return { intervalMs: DEFAULT_INTERVAL_MS, source: 'the default schedule, rate(15 minutes); --every chooses another', notes: deployed.notes };
}
