// Log lines are parsed once, by the simulation's reader of what the function writes.
import type { LogLine } from '../local/simulation/run-captured';

export type { LogLine };
export { parseLogLines } from '../local/simulation/run-captured';

interface EmfDirective {
  readonly Namespace: string;
  readonly Dimensions: readonly (readonly string[])[];
  readonly Metrics: readonly { readonly Name: string }[];
}

function directives(line: LogLine): readonly EmfDirective[] {
  const aws = line._aws as { CloudWatchMetrics?: readonly EmfDirective[] } | undefined;
  return aws?.CloudWatchMetrics ?? [];
}

/**
 * The custom metrics EMF lines create: one per namespace, metric name and dimension set with its values,
 * as CloudWatch counts them (a dimension whose value changes from line to line makes a metric per value).
 */
export function declaredMetrics(lines: readonly LogLine[]): Set<string> {
  const metrics = new Set<string>();
  for (const line of lines) {
    for (const directive of directives(line)) {
      for (const dimensionSet of directive.Dimensions) {
        const dimensions = dimensionSet.map((name) => `${name}=${String(line[name])}`).join(',');
        for (const metric of directive.Metrics) metrics.add(`${directive.Namespace}/${metric.Name}{${dimensions}}`);
      }
    }
  }
  return metrics;
}

/** Every dimension name the EMF lines declare, across all their metrics. */
export function declaredDimensionNames(lines: readonly LogLine[]): Set<string> {
  return new Set(lines.flatMap((line) => directives(line).flatMap((directive) => directive.Dimensions.flat())));
}
