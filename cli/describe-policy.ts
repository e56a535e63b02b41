import type { ReaperEnv } from '../lambda/config/env-schema';
import { formatBudget } from '../lambda/config/policy-defaults';

/** The configured policy in a few words per setting, for `plan` and `status`. */
export function describePolicy(env: ReaperEnv): string[] {
  return [
    `lifetime ${env.REAPER_MAX_AGE_DAYS} days${env.REAPER_LIFETIME_JITTER_PERCENT > 0 ? ` (jitter ${env.REAPER_LIFETIME_JITTER_PERCENT}%)` : ''}`,
    `AMI age limit ${env.REAPER_AMI_MAX_AGE_DAYS === undefined ? 'off' : `${env.REAPER_AMI_MAX_AGE_DAYS} days`}`,
    `AMI drift ${env.REAPER_AMI_DRIFT ? 'on' : 'off'}`,
    `budget ${formatBudget(env.REAPER_MAX_TERMINATIONS_PER_GROUP)} per group, ${env.REAPER_MAX_TERMINATIONS} per run`,
    `window ${env.REAPER_WINDOW ?? 'always open'} (grace ${env.REAPER_GRACE_DAYS} days)`,
    `bake time ${env.REAPER_BAKE_MINUTES === undefined ? "each group's DefaultInstanceWarmup, else none" : `${env.REAPER_BAKE_MINUTES} minutes`}`,
    `alarms ${env.REAPER_ALARM_NAMES.length > 0 ? env.REAPER_ALARM_NAMES.join(', ') : 'none'}`,
    `dry run ${env.REAPER_DRY_RUN ? 'ON: runs only report' : 'off'}`,
  ];
}
