import type { ReaperEnv } from '../../lambda/config/env-schema';
import { formatBudget } from '../../lambda/config/policy-defaults';
import { isTrueTag, TAG } from '../../lambda/policy/tag-keys';
import { formatDays } from './window-note';

/** What the simulation runs with: the function's configuration, how often it runs, and the groups' own policy tags. */
export interface PolicyFacts {
  readonly env: ReaperEnv;
  /** How often the simulation invokes the function, e.g. `one run per hour`. */
  readonly runsEvery: string;
  /** The schedule expression the synthesized stack deploys, e.g. `rate(15 minutes)`. */
  readonly deployedSchedule?: string;
  /** Each group's tags, by group name. */
  readonly groupTags: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const INDENT = ' '.repeat(8);

/** A group's policy tags in words, e.g. `window Tue 02:00-04:00 UTC, grace 3 d`; empty when it has none. */
function describeTags(tags: Readonly<Record<string, string>>): string {
  const parts: string[] = [];
  if (isTrueTag(tags[TAG.exempt])) parts.push('exempt');
  const said = (key: string, text: (value: string) => string) => {
    const value = tags[key];
    if (value !== undefined) parts.push(text(value));
  };
  said(TAG.maxAgeDays, (value) => `lifetime ${value} d`);
  said(TAG.budget, (value) => `budget ${value}`);
  said(TAG.window, (value) => `window ${value}`);
  said(TAG.graceDays, (value) => `grace ${value} d`);
  said(TAG.bakeMinutes, (value) => `bake ${value} min`);
  if (isTrueTag(tags[TAG.surge])) parts.push('launch before terminate');
  said(TAG.rotateBefore, (value) => `rotate before ${value}`);
  said(TAG.alarms, (value) => `alarms ${value}`);
  return parts.join(', ');
}

/** The settings that hold the whole fleet, e.g. `lifetime 28 d, AMI age limit 90 d, budget 1 per group and 20 per run, ...`. */
function describeSettings(env: ReaperEnv): string {
  const jitter = env.REAPER_LIFETIME_JITTER_PERCENT > 0 ? ` (up to ${env.REAPER_LIFETIME_JITTER_PERCENT} % shorter)` : '';
  return [
    `lifetime ${formatDays(env.REAPER_MAX_AGE_DAYS)} d${jitter}`,
    env.REAPER_AMI_MAX_AGE_DAYS === undefined ? 'no AMI age limit' : `AMI age limit ${formatDays(env.REAPER_AMI_MAX_AGE_DAYS)} d`,
    ...(env.REAPER_AMI_DRIFT ? [] : ['AMI drift not judged']),
    `budget ${formatBudget(env.REAPER_MAX_TERMINATIONS_PER_GROUP)} per group and ${env.REAPER_MAX_TERMINATIONS} per run`,
    `${env.REAPER_WINDOW === undefined ? 'window always open' : `window ${env.REAPER_WINDOW}`}, grace ${formatDays(env.REAPER_GRACE_DAYS)} d`,
    // Unset, each group's DefaultInstanceWarmup decides: nothing fleet-wide to say.
    ...(env.REAPER_BAKE_MINUTES === undefined ? [] : [`bake ${env.REAPER_BAKE_MINUTES} min`]),
    ...(env.REAPER_ALARM_NAMES.length > 0 ? [`alarms ${env.REAPER_ALARM_NAMES.join(',')}`] : []),
    env.REAPER_DRY_RUN ? 'DRY RUN: changes nothing' : 'not a dry run: terminates',
  ].join(', ');
}

/** Two lines: the configured policy, then how often it runs and what the groups' tags change. */
export function describePolicy(facts: PolicyFacts): string[] {
  const schedule = `${facts.runsEvery}${facts.deployedSchedule ? ` (deployed: ${facts.deployedSchedule})` : ''}`;
  const tagged = Object.entries(facts.groupTags)
    .map(([group, tags]) => [group, describeTags(tags)] as const)
    .filter(([, text]) => text !== '')
    .map(([group, text]) => `${group} ${text}`);
  const groups = tagged.length > 0 ? `; group tags: ${tagged.join(' · ')}` : '';
  return [`policy: ${describeSettings(facts.env)}`, `${INDENT}${schedule}${groups}`];
}
