import { parseWindows } from '../policy/windows';
import { envSchema } from './env-schema';

/** One thing the function would refuse in its environment, by variable. */
export interface EnvIssue {
  readonly variable: string;
  readonly message: string;
}

/**
 * Everything the function would refuse in this environment, variable by variable: the function's own schema and the
 * default window's grammar, as `loadEnv` applies them at every run. The CDK construct checks the environment it deploys
 * with this, so a policy the function would refuse fails synth instead of every scheduled run.
 */
export function envIssues(env: Readonly<Record<string, string | undefined>>): EnvIssue[] {
  const parsed = envSchema.safeParse(env);
  const issues: EnvIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ variable: issue.path.map(String).join('.') || 'environment', message: issue.message }));
  const window = env.REAPER_WINDOW?.trim();
  if (window) {
    const windows = parseWindows(window);
    if ('error' in windows) issues.push({ variable: 'REAPER_WINDOW', message: windows.error });
  }
  return issues;
}
