import type { RunReport } from '../../lambda/model/report';
import type { RotationPreview } from './rotation-preview';

const surgeKey = (surge: { group: string; action: string }): string => `${surge.group} ${surge.action}`;

function differences(expected: readonly string[], actual: readonly string[]): { extra: string[]; missing: string[] } {
  const wanted = new Set(expected);
  const got = new Set(actual);
  return { extra: actual.filter((id) => !wanted.has(id)), missing: expected.filter((id) => !got.has(id)) };
}

/**
 * Where the run did not do what the preview showed: the fleet changed between the two (another run, a scale-in, an
 * instance turning unhealthy). Undefined when it did exactly that.
 */
export function previewMismatch(preview: RotationPreview, report: RunReport): string | undefined {
  const terminated = differences(preview.terminates, report.terminated.map((entry) => entry.instanceId));
  const surges = differences(preview.surges.map(surgeKey), report.surges.map(surgeKey));
  const parts = [
    terminated.extra.length > 0 && `also terminated ${terminated.extra.join(', ')}`,
    terminated.missing.length > 0 && `did not terminate ${terminated.missing.join(', ')}`,
    surges.extra.length > 0 && `also took the surge step(s) ${surges.extra.join(', ')}`,
    surges.missing.length > 0 && `did not take the surge step(s) ${surges.missing.join(', ')}`,
  ].filter((part): part is string => typeof part === 'string');
  return parts.length > 0 ? `The run differed from the preview, because the fleet changed in between: it ${parts.join('; ')}.` : undefined;
}
