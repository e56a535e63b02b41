/** One parsed log line of the function: a Powertools log line or an EMF metric line. */
export type LogLine = Record<string, unknown>;

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

/** The lines of a log text that are JSON objects, parsed. */
export function parseLogLines(text: string): LogLine[] {
  return text.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });
}
