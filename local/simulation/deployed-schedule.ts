import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface Resource {
  readonly Type?: string;
  readonly Properties?: { readonly ScheduleExpression?: unknown };
}

/**
 * The schedule the synthesized stack deploys, e.g. `rate(15 minutes)`: the EventBridge rule's expression in the
 * template next to the bundle's asset folder. Undefined when the template cannot be read or has no scheduled rule.
 */
export function deployedSchedule(bundlePath: string, templateName = 'InstanceReaper.template.json'): string | undefined {
  try {
    const template = JSON.parse(readFileSync(path.join(path.dirname(path.dirname(bundlePath)), templateName), 'utf8')) as { Resources?: Record<string, Resource> };
    const expressions = Object.values(template.Resources ?? {})
      .filter((resource) => resource.Type === 'AWS::Events::Rule')
      .map((resource) => resource.Properties?.ScheduleExpression)
      .filter((expression): expression is string => typeof expression === 'string');
    return expressions[0];
  } catch {
    return undefined;
  }
}
